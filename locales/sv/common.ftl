service-name = Kanta Extranät
skip-to-content = Gå till innehållet
# Autonyms: the same in both files, so each language is named in its own words.
language-name-fi = Suomeksi
language-name-sv = På svenska
language-switch-label = Språk
login-link = Logga in

footer-support-heading = Kanta-tjänsternas kundsupport
footer-support-text = Fråga oss om inloggning, om hur extranätet används och om dess innehåll.
support-email-address = kanta@kanta.fi
footer-support-hours = Vi betjänar vardagar kl. 7–17.
footer-about-heading = Om tjänsten
footer-accessibility = Tillgänglighetsutlåtande
footer-contact-form = Skicka ett meddelande till kundsupporten

form-optional = frivillig
form-choose = Välj
error-summary-heading = Kontrollera de här uppgifterna

validation-required = Uppgiften saknas.
validation-too-short = Skriv minst { $min } tecken.
validation-too-long = Skriv högst { $max } tecken.
validation-invalid-email = Skriv e-postadressen i formen namn@exempel.fi.
validation-unknown-choice = Välj ett av alternativen i listan.
validation-invalid-business-id = Ange FO-numret i formen 1234567-8 och kontrollera kontrollsiffran.
validation-invalid-oid = Ange OID-koden som tal åtskilda med punkter, till exempel 1.2.246.10.12345678.10.0.
validation-oid-leading-zero = Talen i en OID-kod har inga inledande nollor, inte heller där FO-numret står. Kontrollera koden.
validation-oid-leading-zero-suggestion = Talen i en OID-kod har inga inledande nollor, inte heller där FO-numret står. Skriv { $suggestion }.
validation-control-character = Texten innehåller ett tecken som inte kan sparas (ett styrtecken eller ett tecken som ändrar textens riktning). Skriv texten på nytt eller klistra in den utan formatering.

error-invalid = Något i blanketten behöver rättas. Ingenting sparades.
error-forbidden = Begäran kunde inte behandlas. Ladda om sidan och försök på nytt.
error-unavailable = Tjänsten har en störning just nu och uppgifterna sparades inte. Försök på nytt om en stund.
error-transport = Förbindelsen till tjänsten bröts och uppgifterna sparades inte. Kontrollera nätförbindelsen och försök på nytt.
error-malformed = Tjänsten kunde inte läsa de skickade uppgifterna och ingenting sparades. Ladda om sidan och försök på nytt.
error-too-large = De skickade uppgifterna är för stora och ingenting sparades. Skicka en mindre fil eller en kortare text.
error-too-many = För många förfrågningar på kort tid. Vänta en stund och försök sedan på nytt.

not-found-heading = Sidan hittades inte
not-found-text = Det finns ingen sida på adressen. Den kan ha ändrats, eller så finns det ett skrivfel i adressen.
not-found-home = Till startsidan
app-short-name = Kanta Extranät
app-description = Ibruktagande av Kanta-tjänster, uppdatering av uppgifter, avtal, fakturering och anvisningar för organisationer inom social- och hälsovården, apotek och självständiga yrkesutövare.
validation-phone-character = Telefonnumret får bara innehålla siffror med mellanslag, bindestreck eller parenteser emellan, och ett plustecken bara i början. Ange numret i formen 040 123 4567 eller +358 40 123 4567.
validation-phone-no-area-code = Riktnumret eller landsnumret saknas. Börja numret med riktnumret (040 123 4567) eller med ett plustecken och landsnumret (+358 40 123 4567).
validation-phone-too-few-digits = Numret har för få siffror. Kontrollera om riktnumret eller någon siffra saknas.
validation-phone-too-many-digits = Numret har för många siffror. Ange ett telefonnummer, i formen 040 123 4567 eller +358 40 123 4567.
validation-invalid-date = Ange datumet i formen 1.3.2027.
validation-date-not-in-future = Datumet ska vara efter i dag.
validation-not-in-register = Koden finns inte i SOTE-organisationsregistret i Nationella kodtjänsten. Kontrollera koden eller anmäl enheten till registret.
validation-not-own-oid = Koden hör inte till er organisation enligt Nationella kodtjänsten. Kontrollera koden.
validation-certification-required = Tjänsten förutsätter ett informationssystem som är certifierat för den.
error-conflict = Någon annan har ändrat uppgifterna under tiden. Inget sparades: ladda om sidan för att se de senaste uppgifterna.
error-not-now = Det här går inte i ansökans nuvarande läge.
error-not-found = Ansökan hittades inte, eller så hör den inte till organisationen du uträttar ärenden för.
error-prerequisites = Ansökan kan inte skickas ännu: först måste det här vara i ordning

# Customer data and billing: problems and names the browser may also show
validation-date-too-soon = En ändring ska anmälas minst { $days } dagar innan den träder i kraft.
validation-invalid-number = Ange ett giltigt tal.
validation-due-before-issued = Förfallodagen kan inte vara före fakturans datum.
validation-unknown-organisation = Ingen kund har det här FO-numret.
validation-already-imported = Fakturan har redan importerats.
validation-amount-mismatch = Beloppet är inte antal gånger enhetspris (avrundat till cent). Rätta beloppet eller lämna kolumnen tom.
validation-invoice-mismatch = Raderna för samma faktura skiljer sig åt (kund, tjänst, period eller datum) eller raden har fel antal fält.
validation-bad-header = Filens första rad är inte rubrikraden enligt anvisningen.
validation-spreadsheet-not-csv = Filen är en arbetsbok från ett kalkylprogram (till exempel .xlsx), inte en CSV-fil. Spara den i Excel med Spara som → CSV (semikolonavgränsad) och importera den på nytt.
validation-not-text = Filen är inte text. Importera en CSV-fil som du har sparat i ett kalkylprogram med Spara som → CSV UTF-8.
validation-mixed-encoding = Filen har två teckenkodningar: en del av bokstäverna är i UTF-8, en del inte. Spara filen i kalkylprogrammet med Spara som → CSV UTF-8 och importera den på nytt.
validation-column-count = Radens kolumner motsvarar inte rubrikraden: raden ska ha { $expected } kolumner.
validation-already-listed = Den finns redan på ansökan.
validation-own-organisation = Det här är er egen organisation. En medanslutande är en annan organisation.
validation-on-its-own = Testmiljön söks med en egen ansökan, eftersom den öppnas utan samtestning. Ansök om produktionstjänsterna med en separat ansökan.
error-contacts-required = Ändringen sparades inte: varje tjänst i bruk ska ha en administrativ och en teknisk kontaktperson.
error-import = Filen importerades inte. Ingenting sparades. Rätta felen och importera hela filen på nytt.
contact-kind-administrative = Administrativ kontaktperson
contact-kind-technical = Teknisk kontaktperson
contact-kind-billing = Kontaktperson för fakturering
contact-kind-data-protection = Dataskyddsombud
contact-kind-archivist = Arkivarie för Patientdataarkivet
contact-kind-log-requests = Kontaktperson för begäranden om logguppgifter
technical-kind-system = Informationssystem
technical-kind-unit = Serviceenhet
technical-kind-certificate = Servercertifikat
