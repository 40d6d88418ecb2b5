### Server-rendered pages only: these messages are not built into the browser's WASM.

## Customer data (asiakkuustiedot)
customer-data-heading = Asiakkuustiedot
attention-intro = Nämä tiedot vaativat huomiota:
attention-confirm = Vahvista, että tiedot ovat ajan tasalla: edellisestä vahvistuksesta on yli 12 kuukautta ({ $since }).
attention-certificate = Palvelinvarmenne { $name } ({ $service }) vanhenee { $expires }. Lisää uusi varmenne.
attention-unit-not-in-register = Palveluyksikön OID-tunnusta { $oid } ({ $service }) ei löydy koodistopalvelusta. Päivitä tiedot koodistopalveluun tai tänne.
attention-contact-missing = { $service }: { $kind } puuttuu.
confirm-heading = Tietojen ajantasaisuus
confirm-last = Tiedot vahvistettu viimeksi { $at }.
confirm-never = Tietoja ei ole vielä vahvistettu.
confirm-button = Vahvista, että tiedot ovat ajan tasalla
contacts-heading = Yhteyshenkilöt
contacts-rule = Jokaisella käytössä olevalla palvelulla on oltava vähintään yksi hallinnollinen ja yksi tekninen yhteyshenkilö.
contacts-ended = Päättyneet yhteyshenkilöt
contact-add = Lisää yhteyshenkilö
contact-change = Muuta tietoja
contact-save = Tallenna muutokset
contact-end = Päätä
contact-sole = Tätä yhteyshenkilöä ei voi päättää ennen kuin tilalle on lisätty toinen:
contact-kind = Rooli
contact-name = Nimi
contact-email = Sähköposti
contact-phone = Puhelinnumero
contact-phone-hint = Esimerkiksi 040 123 4567 tai +358 40 123 4567.
contact-services = Palvelut
contact-services-hint = Jos et valitse yhtään, henkilö on yhteyshenkilö kaikissa palveluissa.
contact-all-services = Kaikki palvelut
valid-from = Voimassa { $from } alkaen
valid-between = Voimassa { $from }–{ $to }
field-valid-from = Voimassa alkaen
field-valid-to = Voimassa asti
technical-heading = Tekniset tiedot
technical-rule = Ilmoita muutos vähintään { $days } päivää ennen kuin se tulee voimaan. Kanta-palvelut saa muutoksesta ilmoituksen.
technical-none = Teknisiä tietoja ylläpidetään, kun palvelun käyttöönotto on yhteistestauksessa tai palvelu on käytössä.
technical-add = Ilmoita uusi tieto
technical-end = Ilmoita päättyväksi
technical-end-date = Päättyy
technical-service = Palvelu
technical-kind = Tieto
technical-name = Nimi
technical-name-hint = Tietojärjestelmän tuotenimi, palveluyksikön nimi tai varmenteen nimi.
technical-version = Versio
technical-vendor = Toimittaja
technical-oid = OID-tunnus
technical-expires = Varmenne voimassa asti
technical-takes-effect = Voimaantulopäivä
technical-for-systems = Tietojärjestelmille.
technical-for-units = Palveluyksiköille: tunnus koodistopalvelusta.
technical-for-certificates = Palvelinvarmenteille.
technical-version-is = versio { $version }
technical-vendor-is = toimittaja { $vendor }
technical-oid-is = OID { $oid }
technical-expires-is = voimassa { $date } asti
history-heading = Muutoshistoria
change-added = Lisätty
change-changed = Muutettu
change-ended = Päätetty
change-imported = Tuotu
change-confirmed = Vahvistettu ajantasaiseksi
change-other = Muutos
change-by-staff = { $name } (Kanta-palvelut)

## Billing (laskutus)
billing-heading = Laskutus
billing-none = Ei laskuja.
billing-totals-heading = Yhteensä vuosittain
billing-year = Vuosi
billing-service = Palvelu
billing-total = Yhteensä
billing-invoices-heading = Laskut
billing-download = Lataa laskurivit (CSV)
invoice-heading = Lasku { $number }
invoice-number = Laskun numero
invoice-period = Laskutuskausi
invoice-issued = Laskun päivämäärä
invoice-due = Eräpäivä
invoice-total = Yhteensä
invoice-customer = Asiakas
invoice-description = Selite
invoice-quantity = Määrä
invoice-unit-price = Yksikköhinta
invoice-amount = Summa
invoice-back = Takaisin laskutukseen
import-heading = Laskutustietojen tuonti
import-done = Tuotiin { $count } laskua.
import-format-heading = Tiedoston muoto
import-format = CSV-tiedosto (UTF-8), ensimmäisenä otsikkorivi, kentät puolipisteellä tai pilkulla erotettuina. Yksi rivi laskutettavaa tapahtumaa kohden:
import-format-rules = Kausi on vuosi (2026) tai kuukausi (2026-03); päivämäärät 2027-02-15 tai 15.2.2027; yksikköhinta euroina enintään neljällä desimaalilla (0,053). Summa on määrä × yksikköhinta sentteihin pyöristettynä. Saman laskun riveillä on sama asiakas, palvelu, kausi ja päivämäärät. Jos yksikin rivi on virheellinen, mitään ei tuoda.
import-file = CSV-tiedosto
import-submit = Tuo laskut

## Reminder e-mail
mail-reminder-subject = Kanta: tarkistakaa asiakkuustietonne
mail-reminder-body = Kanta-palveluiden asiakkuustiedoissanne on asioita, jotka vaativat huomiota:
    { $items }
    Päivittäkää tai vahvistakaa tiedot osoitteessa { $link }
