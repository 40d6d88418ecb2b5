### Server-rendered pages only: these messages are not in the browser's catalogue.
## The customer-relationship agreement: its text, signing and the signed document.

agreement-intro = Läs avtalet (version { $version }). Vid undertecknandet sparas undertecknaren, organisationen, grunden, tidpunkten och en kontrollsumma av exakt den här texten.
agreement-sign = Underteckna avtalet
agreement-signed-heading = Undertecknat avtal
agreement-signed-by = Undertecknat av { $signer } { $at }, avtalsversion { $version }.
agreement-hash = Textens SHA-256-kontrollsumma:
agreement-cited = Avtalet hänvisar till dessa dokument:
agreement-download = Ladda ner avtalet (PDF)
agreement-signed-block = Underskrift: { $signer }, { $organisation }. Grund: { $basis }. Tid: { $at }. Avtalsversion { $version }. Textens SHA-256: { $hash }
document-signed-text = Den undertecknade texten som den är (UTF-8). Dess SHA-256 är { $hash }.
agreement-2026-2-title = Avtal om kundrelation för Kanta-tjänsterna, version { $version }
agreement-2026-2-parties = Parter: Folkpensionsanstalten (FPA) som upprätthållare av Kanta-tjänsterna och { $organisation } (FO-nummer { $ytunnus }), nedan kunden. Avtalet gäller { $count ->
        [one] tjänsten
       *[other] tjänsterna
    }: { $service }.
agreement-2026-2-scope = 1. Avtalets föremål. Kunden tar tjänsten i bruk och använder den enligt tjänstebeskrivningen, de allmänna leveransvillkoren och gällande lagstiftning.
agreement-2026-2-terms = 2. Allmänna leveransvillkor. Kunden godkänner Kanta-tjänsternas allmänna leveransvillkor, version { $terms }, som finns i Kanta Extranät.
agreement-2026-2-service-description = 3. Tjänstebeskrivning. Kunden godkänner tjänstebeskrivningarna ({ $descriptions }) och förbinder sig att genomföra anslutningen enligt dem via samtestning.
agreement-2026-2-data = 4. Uppgifter. Kunden håller sina administrativa och tekniska uppgifter och sina kontaktpersoner uppdaterade i Kanta Extranet.
agreement-2026-2-fees = 5. Avgifter. För användningen faktureras avgifter enligt gällande förordning.
agreement-2026-2-termination = 6. Giltighet. Avtalet gäller tills vidare och kunden kan säga upp det i Kanta Extranet.
