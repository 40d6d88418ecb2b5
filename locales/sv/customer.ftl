### Server-rendered pages only: these messages are not built into the browser's WASM.

## Customer data (kunduppgifter)
customer-data-heading = Kunduppgifter
attention-intro = De här uppgifterna kräver uppmärksamhet:
attention-confirm = Bekräfta att uppgifterna är aktuella: det har gått över 12 månader sedan förra bekräftelsen ({ $since }).
attention-certificate = Servercertifikatet { $name } ({ $service }) går ut { $expires }. Lägg till ett nytt certifikat.
attention-unit-not-in-register = Serviceenhetens OID-kod { $oid } ({ $service }) finns inte i kodtjänsten. Uppdatera uppgifterna i kodtjänsten eller här.
attention-contact-missing = { $service }: { $kind } saknas.
confirm-heading = Uppgifternas aktualitet
confirm-last = Uppgifterna bekräftades senast { $at }.
confirm-never = Uppgifterna har inte bekräftats ännu.
confirm-button = Bekräfta att uppgifterna är aktuella
contacts-heading = Kontaktpersoner
contacts-rule = Varje tjänst i bruk ska ha minst en administrativ och en teknisk kontaktperson.
contacts-ended = Avslutade kontaktpersoner
contact-add = Lägg till kontaktperson
contact-change = Ändra uppgifter
contact-save = Spara ändringarna
contact-end = Avsluta
contact-sole = Den här kontaktpersonen kan inte avslutas förrän en annan har lagts till:
contact-kind = Roll
contact-name = Namn
contact-email = E-post
contact-phone = Telefonnummer
contact-phone-hint = Till exempel 040 123 4567 eller +358 40 123 4567.
contact-services = Tjänster
contact-services-hint = Om du inte väljer någon är personen kontaktperson för alla tjänster.
contact-all-services = Alla tjänster
valid-from = Giltig från { $from }
valid-between = Giltig { $from }–{ $to }
field-valid-from = Giltig från
field-valid-to = Giltig till
technical-heading = Tekniska uppgifter
technical-rule = Anmäl en ändring minst { $days } dagar innan den träder i kraft. Kanta-tjänsterna får en anmälan om ändringen.
technical-none = Tekniska uppgifter upprätthålls när ibruktagandet är i samtestning eller tjänsten är i bruk.
technical-add = Anmäl en ny uppgift
technical-end = Anmäl som upphörande
technical-end-date = Upphör
technical-service = Tjänst
technical-kind = Uppgift
technical-name = Namn
technical-name-hint = Informationssystemets produktnamn, serviceenhetens namn eller certifikatets namn.
technical-version = Version
technical-vendor = Leverantör
technical-oid = OID-kod
technical-expires = Certifikatet giltigt till
technical-takes-effect = Träder i kraft
technical-for-systems = För informationssystem.
technical-for-units = För serviceenheter: koden i kodtjänsten.
technical-for-certificates = För servercertifikat.
technical-version-is = version { $version }
technical-vendor-is = leverantör { $vendor }
technical-oid-is = OID { $oid }
technical-expires-is = giltigt till { $date }
history-heading = Ändringshistorik
change-added = Tillagd
change-changed = Ändrad
change-ended = Avslutad
change-imported = Importerad
change-confirmed = Bekräftad som aktuell
change-other = Ändring
change-by-staff = { $name } (Kanta-tjänsterna)

## Billing (fakturering)
billing-heading = Fakturering
billing-none = Inga fakturor.
billing-totals-heading = Totalt per år
billing-year = År
billing-service = Tjänst
billing-total = Totalt
billing-invoices-heading = Fakturor
billing-download = Ladda ner fakturaraderna (CSV)
invoice-heading = Faktura { $number }
invoice-number = Fakturanummer
invoice-period = Faktureringsperiod
invoice-issued = Fakturadatum
invoice-due = Förfallodag
invoice-total = Totalt
invoice-customer = Kund
invoice-description = Beskrivning
invoice-quantity = Antal
invoice-unit-price = Enhetspris
invoice-amount = Belopp
invoice-back = Tillbaka till faktureringen
import-heading = Import av faktureringsuppgifter
import-done = { $count } fakturor importerades.
import-format-heading = Filens format
import-format = CSV-fil (UTF-8), först rubrikraden, fälten åtskilda med semikolon eller komma. En rad per fakturerad händelse:
import-format-rules = Perioden är ett år (2026) eller en månad (2026-03); datum 2027-02-15 eller 15.2.2027; enhetspriset i euro med högst fyra decimaler (0,053). Beloppet är antal × enhetspris avrundat till cent. Raderna för samma faktura har samma kund, tjänst, period och datum. Om en enda rad är felaktig importeras ingenting.
import-file = CSV-fil
import-submit = Importera fakturor

## Reminder e-mail
mail-reminder-subject = Kanta: kontrollera era kunduppgifter
mail-reminder-body = Det finns saker i era kunduppgifter för Kanta-tjänsterna som kräver uppmärksamhet:
    { $items }
    Uppdatera eller bekräfta uppgifterna på { $link }
