service-name = Kanta Extranet
skip-to-content = Siirry sisältöön
# Autonyms: the same in both files, so each language is named in its own words.
language-name-fi = Suomeksi
language-name-sv = På svenska
language-switch-label = Kieli
login-link = Kirjaudu sisään

footer-support-heading = Kanta-palvelujen asiakastuki
footer-support-text = Kysy meiltä kirjautumisesta, Extranetin käytöstä ja sen sisällöstä.
support-email-address = kanta@kanta.fi
footer-support-hours = Palvelemme arkisin klo 7–17.
footer-about-heading = Tietoa palvelusta
footer-accessibility = Saavutettavuusseloste
footer-contact-form = Lähetä viesti asiakastukeen

form-optional = vapaaehtoinen
form-choose = Valitse
error-summary-heading = Tarkista nämä tiedot

validation-required = Tieto puuttuu.
validation-too-short = Kirjoita vähintään { $min } merkkiä.
validation-too-long = Kirjoita enintään { $max } merkkiä.
validation-invalid-email = Kirjoita sähköpostiosoite muodossa nimi@esimerkki.fi.
validation-unknown-choice = Valitse jokin luettelon vaihtoehdoista.
validation-invalid-business-id = Anna Y-tunnus muodossa 1234567-8 ja tarkista tarkistusnumero.
validation-invalid-oid = Anna OID-tunnus pisteillä erotettuina numeroina, esimerkiksi 1.2.246.10.12345678.10.0.
validation-oid-leading-zero = OID-tunnuksen numeroissa ei ole etunollia, ei myöskään Y-tunnuksen kohdalla. Tarkista tunnus.
validation-oid-leading-zero-suggestion = OID-tunnuksen numeroissa ei ole etunollia, ei myöskään Y-tunnuksen kohdalla. Kirjoita { $suggestion }.
validation-control-character = Tekstissä on merkki, jota ei voi tallentaa (ohjausmerkki tai tekstin suuntaa muuttava merkki). Kirjoita teksti uudelleen tai liitä se ilman muotoiluja.

error-invalid = Lomakkeessa on korjattavaa. Mitään ei tallennettu.
error-forbidden = Pyyntöä ei voitu käsitellä. Lataa sivu uudelleen ja yritä uudestaan.
error-unavailable = Palvelussa on juuri nyt häiriö, eikä tietoja tallennettu. Yritä hetken kuluttua uudelleen.
error-transport = Yhteys palveluun katkesi, eikä tietoja tallennettu. Tarkista verkkoyhteys ja yritä uudelleen.
error-malformed = Palvelu ei pystynyt lukemaan lähetettyjä tietoja, eikä mitään tallennettu. Lataa sivu uudelleen ja yritä uudestaan.
error-too-large = Lähetetyt tiedot ovat liian suuret, eikä mitään tallennettu. Lähetä pienempi tiedosto tai lyhyempi teksti.
error-too-many = Liian monta pyyntöä lyhyessä ajassa. Odota hetki ja yritä sitten uudelleen.

not-found-heading = Sivua ei löytynyt
not-found-text = Osoitteessa ei ole sivua. Se on voinut muuttua, tai osoitteessa voi olla kirjoitusvirhe.
not-found-home = Etusivulle
app-short-name = Kanta Extranet
app-description = Kanta-palvelujen käyttöönotto, tietojen ylläpito, sopimukset, laskutus ja ohjeet sosiaali- ja terveydenhuollon organisaatioille, apteekeille ja itsenäisille ammatinharjoittajille.
validation-phone-character = Puhelinnumerossa voi olla vain numeroita sekä niiden välissä välilyöntejä, yhdysmerkkejä ja sulkeita, ja plusmerkki vain alussa. Anna numero muodossa 040 123 4567 tai +358 40 123 4567.
validation-phone-no-area-code = Numerosta puuttuu suuntanumero tai maatunnus. Aloita numero suuntanumerolla (040 123 4567) tai plusmerkillä ja maatunnuksella (+358 40 123 4567).
validation-phone-too-few-digits = Numerossa on liian vähän numeroita. Tarkista, puuttuuko suuntanumero tai jokin numero.
validation-phone-too-many-digits = Numerossa on liian monta numeroa. Anna yksi puhelinnumero, muodossa 040 123 4567 tai +358 40 123 4567.
validation-invalid-date = Anna päivämäärä muodossa 1.3.2027.
validation-date-not-in-future = Päivämäärän pitää olla tämän päivän jälkeen.
validation-not-in-register = Tunnusta ei löydy Kansallisen koodistopalvelun SOTE-organisaatiorekisteristä. Tarkista tunnus tai ilmoita yksikkö rekisteriin.
validation-not-own-oid = Tunnus ei kuulu organisaatiollenne Kansallisen koodistopalvelun tiedoissa. Tarkista tunnus.
validation-certification-required = Tämä palvelu edellyttää palvelulle sertifioitua tietojärjestelmää.
error-conflict = Joku muu on muuttanut tietoja sillä välin. Mitään ei tallennettu: lataa sivu uudelleen nähdäksesi uusimmat tiedot.
error-not-now = Tämä ei ole mahdollista hakemuksen nykyisessä tilassa.
error-not-found = Hakemusta ei löytynyt, tai se ei kuulu organisaatiolle, jonka puolesta asioit.
error-prerequisites = Hakemusta ei voi vielä lähettää: ensin pitää olla kunnossa

# Customer data and billing: problems and names the browser may also show
validation-date-too-soon = Muutoksesta on ilmoitettava vähintään { $days } päivää ennen kuin se tulee voimaan.
validation-invalid-number = Anna kelvollinen luku.
validation-due-before-issued = Eräpäivä ei voi olla ennen laskun päivämäärää.
validation-unknown-organisation = Y-tunnuksella ei löydy asiakasta.
validation-already-imported = Lasku on jo tuotu.
validation-amount-mismatch = Summa ei ole määrä kertaa yksikköhinta (sentteihin pyöristettynä). Korjaa summa tai jätä sarake tyhjäksi.
validation-invoice-mismatch = Saman laskun rivit eroavat toisistaan (asiakas, palvelu, kausi tai päivämäärät) tai rivillä on väärä määrä kenttiä.
validation-bad-header = Tiedoston ensimmäinen rivi ei ole ohjeen mukainen otsikkorivi.
validation-spreadsheet-not-csv = Tiedosto on taulukkolaskennan työkirja (esimerkiksi .xlsx), ei CSV-tiedosto. Tallenna se Excelissä valinnalla Tallenna nimellä → CSV (luetteloerotin) ja tuo se uudelleen.
validation-not-text = Tiedosto ei ole tekstiä. Tuo CSV-tiedosto, jonka olet tallentanut taulukkolaskentaohjelmasta valinnalla Tallenna nimellä → CSV UTF-8.
validation-mixed-encoding = Tiedostossa on kahta merkistöä: osa kirjaimista on UTF-8-merkistössä, osa ei. Tallenna tiedosto taulukkolaskentaohjelmassa valinnalla Tallenna nimellä → CSV UTF-8 ja tuo se uudelleen.
validation-column-count = Rivin sarakkeet eivät vastaa otsikkoriviä: rivillä pitää olla { $expected } saraketta.
validation-already-listed = Tämä on jo hakemuksella.
validation-own-organisation = Tämä on oma organisaationne. Yhteisliittyjä on toinen organisaatio.
validation-on-its-own = Testiympäristöä haetaan omalla hakemuksellaan, koska se avataan ilman yhteistestausta. Hae tuotantopalvelut erillisellä hakemuksella.
error-contacts-required = Muutosta ei tallennettu: jokaisella käytössä olevalla palvelulla on oltava hallinnollinen ja tekninen yhteyshenkilö.
error-import = Tiedostoa ei tuotu. Mitään ei tallennettu. Korjaa virheet ja tuo koko tiedosto uudelleen.
contact-kind-administrative = Hallinnollinen yhteyshenkilö
contact-kind-technical = Tekninen yhteyshenkilö
contact-kind-billing = Laskutuksen yhteyshenkilö
contact-kind-data-protection = Tietosuojavastaava
contact-kind-archivist = Potilastiedon arkiston arkistonhoitaja
contact-kind-log-requests = Lokitietopyyntöjen yhteyshenkilö
technical-kind-system = Tietojärjestelmä
technical-kind-unit = Palveluyksikkö
technical-kind-certificate = Palvelinvarmenne
