### Server-rendered pages only: these messages are not in the browser's catalogue.

footer-terms = Ehdot ja palvelukuvaukset
footer-privacy = Tietosuojaseloste
footer-storage = Evästeet ja laitteelle tallennettavat tiedot

privacy-heading = Tietosuojaseloste
privacy-lead = Mitä henkilötietoja Kanta Extranet käsittelee, miksi ja kuinka kauan.
privacy-controller-heading = Rekisterinpitäjä
privacy-controller-text = Kanta-palveluja ylläpitää Kansaneläkelaitos (Kela). Kela on Kanta Extranetin henkilötietojen rekisterinpitäjä.
privacy-data-heading = Mitä tietoja käsittelemme
privacy-data-identity = Suomi.fi-tunnistuksesta saadut nimesi ja henkilötunnuksesi. Henkilötunnusta ei tallenneta selväkielisenä: tietokannassa on siitä vain salaisella avaimella laskettu tunniste, ja istunnon ajan se on salattuna avaimella, joka on vain selaimessasi.
privacy-data-acting = Kenen puolesta asioit ja millä perusteella: kaupparekisteriin merkitty rooli, Suomi.fi-valtuus tai merkintä terveydenhuollon ammattihenkilöiden keskusrekisterissä.
privacy-data-contacts = Organisaation yhteyshenkilöiden nimet, sähköpostiosoitteet ja puhelinnumerot, jotka organisaatio ilmoittaa.
privacy-data-audit = Tapahtumaloki: kuka on asioinut organisaation puolesta, milloin, millä perusteella ja mitä teki. Myös estetyt yritykset kirjataan.
privacy-data-support = Asiakastukeen lähetetyt viestit ja lähettäjän yhteystiedot.
privacy-purpose-heading = Miksi käsittelemme tietoja
privacy-purpose-text = Jotta sosiaali- ja terveydenhuollon organisaatiot ja apteekit voivat ottaa Kanta-palveluja käyttöön, pitää niitä koskevat tiedot ajan tasalla ja hoitaa asiakkuutensa. Käsittely perustuu Kelan lakisääteisiin tehtäviin: yleisen edun mukaiseen tehtävään ja lakisääteisiin velvoitteisiin (EU:n tietosuoja-asetuksen 6 artiklan 1 kohdan c ja e alakohta).
privacy-retention-heading = Kuinka kauan tietoja säilytetään
privacy-retention-text = Istunto päättyy, kun kirjaudut ulos, kun palvelua ei ole käytetty { $idle } minuuttiin tai viimeistään { $max } tunnin kuluttua kirjautumisesta. Hylätyn lomakkeen tiedot ovat luettavissa tunnin ja poistetaan sen jälkeen. Hakemukset, allekirjoitetut sopimukset, yhteystietojen muutoshistoria, laskut ja tapahtumaloki säilytetään asiakkuuden ajan ja niin kauan kuin arkistointia koskevat säädökset edellyttävät.
privacy-recipients-heading = Kenelle tietoja luovutetaan
privacy-recipients-text = Tietoja ei luovuteta kolmansille osapuolille eikä siirretä EU:n tai ETA:n ulkopuolelle. Asioinnin perusteen tarkistamiseksi henkilötunnuksesi välitetään Suomi.fi-valtuuksiin, kaupparekisteriin ja terveydenhuollon ammattihenkilöiden keskusrekisteriin.
privacy-rights-heading = Oikeutesi
privacy-rights-text = Sinulla on oikeus saada tietää, mitä tietoja sinusta käsitellään, ja vaatia virheellisten tietojen korjaamista. Jos katsot, että tietojasi käsitellään lainvastaisesti, voit tehdä valituksen tietosuojavaltuutetun toimistolle.
privacy-contact-text = Tietosuojaa koskeviin kysymyksiin vastaa asiakastuki:

storage-heading = Evästeet ja laitteelle tallennettavat tiedot
storage-lead = Kanta Extranet käyttää vain evästeitä, joita palvelu tarvitsee toimiakseen. Seurantaa ja mainontaa ei ole, joten suostumusta ei kysytä.
storage-cookies-heading = Evästeet
storage-cookie-name = Eväste
storage-cookie-purpose = Mihin sitä käytetään
storage-cookie-lifetime = Kuinka kauan se säilyy
storage-session-purpose = Kirjautumisistunto: satunnainen tunniste, josta palvelin tunnistaa istuntosi.
storage-session-lifetime = Kunnes kirjaudut ulos, suljet selaimen tai istunto päättyy (viimeistään { $max } tunnin kuluttua)
storage-seen-purpose = Milloin istuntoa viimeksi käytettiin, palvelimen allekirjoittamana. Sen avulla istunto päättyy, kun palvelua ei ole käytetty { $idle } minuuttiin.
storage-seen-lifetime = Kuten istunto
storage-login-purpose = Kesken oleva kirjautuminen Suomi.fi-tunnistukseen.
storage-login-lifetime = 10 minuuttia
storage-form-purpose = Vain jos lähetät lomakkeen kirjautumatta ilman JavaScriptiä ja siinä on virhe: satunnainen tunniste, jolla palvelin näyttää lomakkeen uudelleen täytettynä vain tälle selaimelle.
storage-form-lifetime = Tunti
storage-lang-purpose = Valitsemasi kieli.
storage-lang-lifetime = Vuosi
storage-device-heading = Laitteelle tallennettavat tiedot
storage-offline-text = Julkiset sivut (etusivu, ohjeet ja materiaalit, saavutettavuusseloste, tietosuojaseloste ja tämä sivu) sekä palvelun ohjelmatiedostot tallennetaan selaimeen, jotta ne toimivat myös ilman verkkoyhteyttä. Kirjautumisen takana olevia sivuja ei tallenneta. Tallennetut sivut vaihtuvat, kun palvelu päivittyy, ja ne poistetaan, kun kirjaudut ulos.
storage-drafts-text = Keskeneräisen hakemuksen ja ohjeen vastaukset tallennetaan myös tälle laitteelle, jotta ne eivät katoa, jos yhteys katkeaa tai välilehti suljetaan. Hakemuksen vastaukset tallennetaan lisäksi palvelimelle jokaisen vaiheen jälkeen, kun yhteys toimii. Laitteelle tallennetut vastaukset poistetaan, kun kirjaudut ulos tai kun istuntosi päättyy palvelun ollessa auki. Kirjautumatta täytetyn ohjeen vastaukset säilyvät, kunnes aloitat ohjeen alusta. Selain voi poistaa ne aiemminkin: esimerkiksi Safari seitsemän päivän jälkeen, jos et käy palvelussa.
storage-clear-text = Voit poistaa kaikki nämä tiedot selaimen asetuksista (sivuston tiedot).
