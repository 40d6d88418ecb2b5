### Server-rendered pages only: these messages are not in the browser's catalogue.

login-heading = Kirjaudu Kanta Extranetiin
login-lead = Kirjaudut Suomi.fi-tunnistuksella. Sen jälkeen valitset, kenen puolesta asioit.
login-needs-heading = Ennen kuin kirjaudut
login-needs-basis = Oikeus asioida organisaation puolesta: rooli kaupparekisterissä, Suomi.fi-valtuus tai toiminta apteekkarina tai itsenäisenä ammatinharjoittajana.

a11y-heading = Saavutettavuusseloste
a11y-lead = Tämä seloste koskee Kanta Extranet -verkkopalvelua. Haluamme, että kuka tahansa voi käyttää palvelua.
a11y-status-heading = Palvelun saavutettavuus
a11y-status-text = Palvelu on suunniteltu täyttämään WCAG 2.1 -ohjeiden AA-tason vaatimukset. Sivuja voi käyttää näppäimistöllä ja ruudunlukijalla, ja ne toimivat 360 pikselin levyisellä näytöllä.
a11y-method-heading = Miten saavutettavuus on arvioitu
a11y-method-text = Saavutettavuus on arvioitu itse. Jokaisessa palvelun muutoksessa palvelun sivut tarkistetaan automaattisesti axe-työkalulla WCAG 2.1 -ohjeiden A- ja AA-tason sääntöjä vasten, puhelimen ja tietokoneen näytön levyisenä, suomeksi ja ruotsiksi. Automaattinen tarkistus ei löydä kaikkia puutteita, joten palaute on tärkeää.
a11y-dates-text = Seloste on laadittu 1.12.2026 ja tarkistettu viimeksi 1.12.2026.
a11y-known-heading = Tunnetut puutteet
a11y-known-text = Asiakastuen lomake tarvitsee JavaScriptin. Voit lähettää saman viestin myös sähköpostilla.
a11y-feedback-heading = Anna palautetta saavutettavuudesta
a11y-feedback-text = Jos huomaat puutteen, kerro siitä meille. Vastaamme 14 päivän kuluessa.
a11y-enforcement-heading = Valvontaviranomainen
a11y-enforcement-text = Jos et ole tyytyväinen vastaukseen tai et saa vastausta kahden viikon kuluessa, voit tehdä ilmoituksen valvontaviranomaiselle. Digitaalisten palvelujen saavutettavuutta valvoo 1.1.2026 alkaen Lupa- ja valvontavirasto (aiemmin Etelä-Suomen aluehallintovirasto): www.saavutettavuusvaatimukset.fi.

# In front of a page's title while the page shows an error (WCAG 2.4.2).
title-error = Virhe
