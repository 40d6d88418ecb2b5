### Server-rendered pages only: these messages are not in the browser's catalogue.

home-heading = Ta Kanta-tjänsterna i bruk och håll uppgifterna aktuella
home-lead = Kanta Extranät är Kanta-tjänsternas e-tjänst för organisationer inom social- och hälsovården, apotek och självständiga yrkesutövare. Tjänsten styr dig att göra det som behöver göras i olika situationer.
home-task-take-into-use = Ta Kanta-tjänster i bruk med en anslutningsansökan.
home-task-update = Håll administrativa kontaktuppgifter och tekniska uppgifter aktuella.
home-task-agreements = Underteckna avtal om kundrelationer.
home-task-billing = Se faktureringsuppgifter.
home-task-material = Läs anvisningar och den illustrerade anvisningen om ibruktagande och om att uppdatera uppgifterna.

home-needs-heading = Det här behöver du
home-needs-authentication = Personliga bankkoder, mobilcertifikat eller certifikatkort. Du loggar in med Suomi.fi-identifikation.
home-needs-code-service = Organisationens OID-koder och övriga allmänna uppgifter uppdaterade i Nationella kodtjänstens register.
home-needs-katso = Det går inte längre att logga in med Katso-koder. Inloggningen ändrades till Suomi.fi-identifikation 29.1.2020.

home-who-heading = För vem du uträttar ärenden
home-who-private-heading = Privat organisation
home-who-private-text = En ansvarsperson för ett företag eller en förening kan uträtta ärenden utan fullmakt om hen i handelsregistret, föreningsregistret eller Företags- och organisationsdatasystemet har någon av följande roller:
home-who-private-others = Andra personer behöver en Suomi.fi-fullmakt.
home-who-public-heading = Offentlig organisation
home-who-public-text = För offentliga organisationer och stiftelser uträttas ärenden alltid med Suomi.fi-fullmakt.
home-who-self-heading = Apotekare eller självständig yrkesutövare
home-who-self-text = Du uträttar ärenden för egen räkning utan fullmakt. Du kan ge fullmakt till en annan person eller ett företag som uträttar ärenden för din räkning.

role-elinkeinonharjoittaja = näringsidkare
role-toimitusjohtaja = verkställande direktör
role-toimitusjohtajan-sijainen = verkställande direktörens ställföreträdare
role-varatoimitusjohtaja = vice verkställande direktör

home-mandate-heading = Suomi.fi-fullmakt: Ibruktagande av social- och hälsovårdens digitala tjänster
home-mandate-text = Med fullmakten kan den befullmäktigade på fullmaktsgivarens vägnar
mandate-allows-take-into-use = ta i bruk social- och hälsovårdens digitala tjänster
mandate-allows-sign = underteckna avtal om kundrelationer
mandate-allows-update = anmäla och uppdatera administrativa kontaktuppgifter och tekniska uppgifter
mandate-allows-billing = se faktureringsuppgifter och annat innehåll som gäller de administrativa uppgifterna.
