### Server-rendered pages only: these messages are not in the browser's catalogue.

footer-terms = Villkor och tjänstebeskrivningar
footer-privacy = Dataskyddsbeskrivning
footer-storage = Kakor och uppgifter som sparas på enheten

privacy-heading = Dataskyddsbeskrivning
privacy-lead = Vilka personuppgifter Kanta Extranät behandlar, varför och hur länge.
privacy-controller-heading = Personuppgiftsansvarig
privacy-controller-text = Kanta-tjänsterna upprätthålls av Folkpensionsanstalten (FPA). FPA är personuppgiftsansvarig för Kanta Extranät.
privacy-data-heading = Vilka uppgifter vi behandlar
privacy-data-identity = Ditt namn och din personbeteckning från Suomi.fi-identifikationen. Personbeteckningen sparas inte i klartext: i databasen finns bara en kod beräknad med en hemlig nyckel, och under sessionen är den krypterad med en nyckel som bara din webbläsare har.
privacy-data-acting = För vem du uträttar ärenden och på vilken grund: en roll i handelsregistret, en Suomi.fi-fullmakt eller en uppgift i centralregistret över yrkesutbildade personer inom hälso- och sjukvården.
privacy-data-contacts = Namn, e-postadresser och telefonnummer till organisationens kontaktpersoner, som organisationen anmäler.
privacy-data-audit = Händelselogg: vem som har uträttat ärenden för organisationen, när, på vilken grund och vad. Även förhindrade försök registreras.
privacy-data-support = Meddelanden till kundsupporten och avsändarens kontaktuppgifter.
privacy-purpose-heading = Varför vi behandlar uppgifterna
privacy-purpose-text = För att organisationer inom social- och hälsovården och apotek ska kunna ta Kanta-tjänster i bruk, hålla uppgifterna om dem aktuella och sköta sin kundrelation. Behandlingen grundar sig på FPA:s lagstadgade uppgifter: en uppgift av allmänt intresse och rättsliga förpliktelser (artikel 6.1 c och e i EU:s dataskyddsförordning).
privacy-retention-heading = Hur länge uppgifterna sparas
privacy-retention-text = Sessionen upphör när du loggar ut, när tjänsten inte har använts på { $idle } minuter eller senast { $max } timmar efter inloggningen. Uppgifterna i ett avvisat formulär kan läsas i en timme och raderas sedan. Ansökningar, undertecknade avtal, ändringshistoriken för kontaktuppgifter, fakturor och händelseloggen sparas så länge kundrelationen varar och så länge bestämmelserna om arkivering kräver.
privacy-recipients-heading = Till vem uppgifterna lämnas ut
privacy-recipients-text = Uppgifterna lämnas inte ut till tredje parter och överförs inte utanför EU eller EES. För att kontrollera grunden för ärendena förmedlas din personbeteckning till Suomi.fi-fullmakter, handelsregistret och centralregistret över yrkesutbildade personer inom hälso- och sjukvården.
privacy-rights-heading = Dina rättigheter
privacy-rights-text = Du har rätt att få veta vilka uppgifter om dig som behandlas och att kräva att felaktiga uppgifter rättas. Om du anser att dina uppgifter behandlas i strid med lagen kan du lämna in ett klagomål till dataombudsmannens byrå.
privacy-contact-text = Frågor om dataskydd besvaras av kundsupporten:

storage-heading = Kakor och uppgifter som sparas på enheten
storage-lead = Kanta Extranät använder bara kakor som tjänsten behöver för att fungera. Det finns ingen spårning eller reklam, så inget samtycke efterfrågas.
storage-cookies-heading = Kakor
storage-cookie-name = Kaka
storage-cookie-purpose = Vad den används till
storage-cookie-lifetime = Hur länge den finns kvar
storage-session-purpose = Inloggningssession: en slumpmässig kod som servern känner igen din session på.
storage-session-lifetime = Tills du loggar ut, stänger webbläsaren eller sessionen upphör (senast efter { $max } timmar)
storage-seen-purpose = När sessionen senast användes, undertecknat av servern. Med den upphör sessionen när tjänsten inte har använts på { $idle } minuter.
storage-seen-lifetime = Som sessionen
storage-login-purpose = En pågående inloggning i Suomi.fi-identifikationen.
storage-login-lifetime = 10 minuter
storage-form-purpose = Bara om du skickar en blankett utan inloggning och utan JavaScript och den innehåller fel: en slumpmässig kod med vilken servern visar blanketten ifylld på nytt bara för den här webbläsaren.
storage-form-lifetime = En timme
storage-lang-purpose = Det språk du valt.
storage-lang-lifetime = Ett år
storage-device-heading = Uppgifter som sparas på enheten
storage-offline-text = De offentliga sidorna (startsidan, anvisningar och material, tillgänglighetsutlåtandet, dataskyddsbeskrivningen och den här sidan) och tjänstens programfiler sparas i webbläsaren så att de fungerar också utan nätförbindelse. Sidor bakom inloggningen sparas inte. De sparade sidorna byts ut när tjänsten uppdateras och raderas när du loggar ut.
storage-drafts-text = Svaren i en pågående ansökan eller anvisning sparas också på den här enheten så att de inte går förlorade om förbindelsen bryts eller fliken stängs. Svaren i en ansökan sparas dessutom på servern efter varje steg när förbindelsen fungerar. Svaren på enheten raderas när du loggar ut eller när din session upphör medan tjänsten är öppen. Svaren i en anvisning som fylls i utan inloggning finns kvar tills du börjar om anvisningen. Webbläsaren kan radera dem tidigare: till exempel Safari efter sju dagar om du inte besöker tjänsten.
storage-clear-text = Du kan radera alla dessa uppgifter i webbläsarens inställningar (webbplatsdata).
