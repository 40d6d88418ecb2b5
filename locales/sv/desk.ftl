### Server-rendered pages only: these messages are not built into the browser's WASM.

applications-list-heading = Ansökningar
applications-none = Inga ansökningar ännu.
applications-service = Tjänst
applications-state = Läge
applications-updated = Ändrad
applications-start-heading = Ta tjänster i bruk
applications-start-text = Välj de tjänster du tar i bruk. Tjänster som söks med samma ansökan samtestas och tas i produktion tillsammans. Ansökan sparas som utkast och du kan fortsätta senare.
applications-services = Tjänster
applications-services-hint = Välj en eller flera. Testmiljön söks med en egen ansökan.
application-change-services = Ändra ansökans tjänster
application-save-services = Spara tjänsterna
applications-start = Börja ansökan
tasks-heading = Uppgifter
tasks-none = Inga öppna uppgifter.
task-fix-code-service = Uppdatera organisationens uppgifter i Nationella kodtjänsten.
task-answer-return = { $service }: Kanta returnerade ansökan för komplettering.
task-sign-agreement = { $service }: underteckna avtalet om kundrelation och skicka ansökan.
task-finish-draft = { $service }: ansökan är inte färdig.
services-in-use-heading = Tjänster i bruk
services-in-use-none = Inga tjänster i bruk ännu.
application-go-live = Datum för produktionsstart: { $date }
application-returned-notice = Kanta returnerade ansökan för komplettering:
application-send-heading = Skicka ansökan
application-send-text = Ansökan och det undertecknade avtalet skickas till Kanta för behandling. Du får e-post när behandlingen framskrider.
timeline-heading = Ansökans skeden
history-created = Ansökan påbörjades
history-signed = Avtalet om kundrelation undertecknades
history-services-changed = Ansökans tjänster ändrades
history-other = Ändring
agreement-intro = Läs avtalet (version { $version }). Vid undertecknandet sparas undertecknaren, organisationen, grunden, tidpunkten och en kontrollsumma av exakt den här texten.
agreement-sign = Underteckna avtalet
agreement-signed-heading = Undertecknat avtal
agreement-signed-by = Undertecknat av { $signer } { $at }, avtalsversion { $version }.
agreement-hash = Textens SHA-256-kontrollsumma:
agreement-download = Ladda ner avtalet (PDF)
agreement-signed-block = Underskrift: { $signer }, { $organisation }. Grund: { $basis }. Tid: { $at }. Avtalsversion { $version }. Textens SHA-256: { $hash }
agreement-2026-1-title = Avtal om kundrelation för Kanta-tjänsterna, version { $version }
agreement-2026-1-parties = Parter: Folkpensionsanstalten (FPA) som upprätthållare av Kanta-tjänsterna och { $organisation } (FO-nummer { $ytunnus }), nedan kunden. Avtalet gäller { $count ->
        [one] tjänsten
       *[other] tjänsterna
    }: { $service }.
agreement-2026-1-scope = 1. Avtalets föremål. Kunden tar tjänsten i bruk och använder den enligt tjänstebeskrivningen, de allmänna leveransvillkoren och gällande lagstiftning.
agreement-2026-1-terms = 2. Allmänna leveransvillkor. Kunden godkänner Kanta-tjänsternas allmänna leveransvillkor, som finns i Kanta Extranet.
agreement-2026-1-service-description = 3. Tjänstebeskrivning. Kunden godkänner tjänstens tjänstebeskrivning och förbinder sig att genomföra anslutningen enligt den via samtestning.
agreement-2026-1-data = 4. Uppgifter. Kunden håller sina administrativa och tekniska uppgifter och sina kontaktpersoner uppdaterade i Kanta Extranet.
agreement-2026-1-fees = 5. Avgifter. För användningen faktureras avgifter enligt gällande förordning.
agreement-2026-1-termination = 6. Giltighet. Avtalet gäller tills vidare och kunden kan säga upp det i Kanta Extranet.
mail-application-subject = Kanta: { $service }, ansökan { $id }: { $state }
mail-application-submitted = Er ansökan har tagits emot och väntar på behandling. Ni ser ansökans skeden på { $link }
mail-application-returned = Kanta returnerade ansökan för komplettering. Kommentar: { $comment } Komplettera ansökan på { $link }
mail-application-approved = Ansökan har godkänts för produktion. Datum för produktionsstart: { $go_live }. { $link }
mail-application-rejected = Ansökan avslogs. Motivering: { $comment } { $link }
mail-application-test-result = Resultatet av samtestningen har registrerats: { $comment } { $link }
mail-application-changed = Ansökans läge är nu: { $state }. { $link }
staff-heading = Kantas behandlingskö
staff-filter-service = Tjänst
staff-filter-state = Läge
staff-filter-any = Alla tjänster
staff-filter-waiting = Väntar på Kanta
staff-filter-all = Alla lägen
staff-filter-age = Minst dagar sedan ändring
staff-filter-apply = Filtrera
staff-queue-empty = Inga ansökningar med de här villkoren.
staff-organisation = Organisation
staff-age = Har väntat
staff-age-days = { $days ->
    [one] { $days } dag
   *[other] { $days } dagar
}
staff-back-to-queue = Tillbaka till kön
staff-answers = Ansökans uppgifter
staff-decisions = Beslut
staff-no-decisions = Ansökan väntar inte på åtgärder av Kanta.
application-unmet = Innan ansökan kan skickas måste det här vara i ordning:
notices-heading = Ändringsanmälningar
notices-none = Inga obehandlade ändringsanmälningar.
notice-takes-effect = Träder i kraft { $date }
notice-handled = Markera som behandlad
application-units-heading = Övriga serviceenheter
application-units-text = Om tjänsten tas i bruk i fler än en serviceenhet, lägg till de övriga enheterna här. Varje OID-kod kontrolleras i kodtjänsten.
application-units-none = Inga övriga serviceenheter.
application-unit-add = Lägg till serviceenhet
application-unit-remove = Ta bort
history-unit-added = En serviceenhet lades till
history-unit-removed = En serviceenhet togs bort
