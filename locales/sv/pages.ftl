### Server-rendered pages only: these messages are not in the browser's catalogue.

login-heading = Logga in på Kanta Extranät
login-lead = Du loggar in med Suomi.fi-identifikation. Därefter väljer du för vem du uträttar ärenden.
login-needs-heading = Innan du loggar in
login-needs-basis = Rätt att uträtta ärenden för organisationen: en roll i handelsregistret, en Suomi.fi-fullmakt eller verksamhet som apotekare eller självständig yrkesutövare.

a11y-heading = Tillgänglighetsutlåtande
a11y-lead = Det här utlåtandet gäller webbtjänsten Kanta Extranät. Vi vill att vem som helst ska kunna använda tjänsten.
a11y-status-heading = Tjänstens tillgänglighet
a11y-status-text = Tjänsten är utformad för att uppfylla kraven på nivå AA i WCAG 2.1. Sidorna kan användas med tangentbord och skärmläsare, och de fungerar på en skärm som är 360 pixlar bred.
a11y-method-heading = Hur tillgängligheten har bedömts
a11y-method-text = Tillgängligheten har bedömts av oss själva. Vid varje ändring av tjänsten kontrolleras tjänstens sidor automatiskt med verktyget axe mot reglerna på nivå A och AA i WCAG 2.1, i en telefons och en dators skärmbredd, på finska och svenska. En automatisk kontroll hittar inte alla brister, så din respons är viktig.
a11y-dates-text = Utlåtandet utarbetades 1.12.2026 och granskades senast 1.12.2026.
a11y-known-heading = Kända brister
a11y-known-text = Kundsupportens blankett behöver JavaScript. Du kan också skicka samma meddelande per e-post.
a11y-feedback-heading = Ge respons om tillgängligheten
a11y-feedback-text = Om du märker en brist, berätta det för oss. Vi svarar inom 14 dagar.
a11y-enforcement-heading = Tillsynsmyndighet
a11y-enforcement-text = Om du inte är nöjd med svaret eller inte får något svar inom två veckor kan du göra en anmälan till tillsynsmyndigheten. Sedan 1.1.2026 övervakas digitala tjänsters tillgänglighet av Tillstånds- och tillsynsverket (tidigare Regionförvaltningsverket i Södra Finland): www.tillganglighetskrav.fi.

# In front of a page's title while the page shows an error (WCAG 2.4.2).
title-error = Fel
