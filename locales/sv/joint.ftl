### Server-rendered pages only: these messages are not in the browser's catalogue.
# Joint joining (gemensam anslutning): the main joiner's co-joiners, and a co-joiner's acceptance.
joint-heading = Medanslutande
joint-text = Vid gemensam anslutning tar huvudaktören med medanslutande som använder dess anslutningspunkt och informationssystem. Namnge de medanslutande med FO-nummer. Varje medanslutandes egen ärendehanterare godkänner och undertecknar anslutningen för sin organisation; ansökan kan skickas när alla har undertecknat.
joint-none = Inga medanslutande.
joint-ytunnus = Den medanslutandes FO-nummer
joint-add = Lägg till medanslutande
joint-remove = Ta bort
joint-waiting = väntar på underskrift
joint-signed-by = undertecknat av { $signer } { $at }
joint-memberships-heading = Gemensamma anslutningar som ni är med i
joint-read-and-sign = Läs och underteckna godkännandet
joint-main = Huvudaktör
joint-connection-point = Anslutningspunkt
joint-connection-point-of = Huvudaktören { $main }s anslutningspunkt (OID { $oid })
joint-systems = Informationssystem
joint-systems-none = Huvudaktören har ännu inte anmält något informationssystem.
joint-acceptance-heading = Godkännande av gemensam anslutning
joint-facts-heading = Vad ni använder och genom vem
joint-sign-heading = Godkännande
joint-sign = Underteckna godkännandet
joint-not-permitted = Er grund att sköta ärenden för organisationen räcker inte för att underteckna. Godkännandet undertecknas av en person med namnteckningsrätt eller fullmakt att underteckna avtal.
joint-notice-warning = Den här ansökan har medanslutande ({ $names }). Uppsägningen avslutar tjänsten också för dem, eftersom de använder er anslutningspunkt och ert informationssystem.

## The acceptance a co-joiner signs
joint-acceptance-title = Godkännande av gemensam anslutning
joint-acceptance-body = { $organisation } ({ $ytunnus }) ansluter sig till Kanta-tjänsten { $service } som medanslutande tillsammans med huvudaktören { $main } ({ $main_ytunnus }) och använder huvudaktörens anslutningspunkt och informationssystem. Godkännandet ges av { $signer } ({ $basis }).
joint-acceptance-responsibility = { $organisation } godkänner de allmänna leveransvillkoren för Kanta-tjänsterna, version { $terms }, och ansvarar som personuppgiftsansvarig för sina egna uppgifter. Huvudaktören kan inte underteckna för den medanslutande.
