### Server-rendered pages only: these messages are not built into the browser's WASM.

applications-list-heading = Hakemukset
applications-none = Ei vielä hakemuksia.
applications-service = Palvelu
applications-state = Tila
applications-updated = Muutettu
applications-start-heading = Ota palveluja käyttöön
applications-start-text = Valitse palvelut, jotka otat käyttöön. Samalla hakemuksella haetut palvelut yhteistestataan ja otetaan tuotantoon yhdessä. Hakemus tallentuu luonnokseksi, ja voit jatkaa sitä myöhemmin.
applications-services = Palvelut
applications-services-hint = Valitse yksi tai useampi. Testiympäristöä haetaan omalla hakemuksellaan.
application-change-services = Muuta hakemuksen palveluja
application-save-services = Tallenna palvelut
applications-start = Aloita hakemus
tasks-heading = Tehtävät
tasks-none = Ei avoimia tehtäviä.
task-fix-code-service = Päivitä organisaation tiedot Kansalliseen koodistopalveluun.
task-answer-return = { $service }: Kanta palautti hakemuksen täydennettäväksi.
task-sign-agreement = { $service }: allekirjoita asiakkuussopimus ja lähetä hakemus.
task-finish-draft = { $service }: hakemus on kesken.
services-in-use-heading = Käytössä olevat palvelut
services-in-use-none = Ei vielä käytössä olevia palveluja.
application-go-live = Tuotantoonottopäivä: { $date }
application-returned-notice = Kanta palautti hakemuksen täydennettäväksi:
application-send-heading = Hakemuksen lähettäminen
application-send-text = Hakemus ja allekirjoitettu sopimus lähetetään Kannan käsiteltäväksi. Saat sähköpostia, kun käsittely etenee.
timeline-heading = Hakemuksen vaiheet
history-created = Hakemus aloitettiin
history-signed = Asiakkuussopimus allekirjoitettiin
history-services-changed = Hakemuksen palveluja muutettiin
history-other = Muutos
agreement-intro = Lue sopimus (versio { $version }). Allekirjoituksesta tallentuu allekirjoittaja, organisaatio, asiointiperuste, aika ja tarkisteluku juuri tästä tekstistä.
agreement-sign = Allekirjoita sopimus
agreement-signed-heading = Allekirjoitettu sopimus
agreement-signed-by = Allekirjoittanut { $signer } { $at }, sopimusversio { $version }.
agreement-hash = Tekstin SHA-256-tarkisteluku:
agreement-download = Lataa sopimus (PDF)
agreement-signed-block = Allekirjoitus: { $signer }, { $organisation }. Peruste: { $basis }. Aika: { $at }. Sopimusversio { $version }. Tekstin SHA-256: { $hash }
agreement-2026-1-title = Kanta-palvelujen asiakkuussopimus, versio { $version }
agreement-2026-1-parties = Osapuolet: Kansaneläkelaitos (Kela) Kanta-palvelujen ylläpitäjänä ja { $organisation } (Y-tunnus { $ytunnus }), jäljempänä asiakas. Sopimus koskee { $count ->
        [one] palvelua
       *[other] palveluja
    }: { $service }.
agreement-2026-1-scope = 1. Sopimuksen kohde. Asiakas ottaa palvelun käyttöön ja käyttää sitä palvelukuvauksen, yleisten toimitusehtojen ja voimassa olevan lainsäädännön mukaisesti.
agreement-2026-1-terms = 2. Yleiset toimitusehdot. Asiakas hyväksyy Kanta-palvelujen yleiset toimitusehdot, jotka ovat luettavissa Kanta Extranetissä.
agreement-2026-1-service-description = 3. Palvelukuvaus. Asiakas hyväksyy palvelun palvelukuvauksen ja sitoutuu toteuttamaan liittymän sen mukaisesti yhteistestauksen kautta.
agreement-2026-1-data = 4. Tiedot. Asiakas pitää hallinnolliset ja tekniset tietonsa sekä yhteyshenkilönsä ajan tasalla Kanta Extranetissä.
agreement-2026-1-fees = 5. Maksut. Palvelun käytöstä laskutetaan voimassa olevan asetuksen mukaiset maksut.
agreement-2026-1-termination = 6. Voimassaolo. Sopimus on voimassa toistaiseksi, ja asiakas voi irtisanoa sen Kanta Extranetissä.
mail-application-subject = Kanta: { $service }, hakemus { $id }: { $state }
mail-application-submitted = Hakemuksenne on vastaanotettu ja se odottaa käsittelyä. Näette hakemuksen vaiheet osoitteessa { $link }
mail-application-returned = Kanta palautti hakemuksen täydennettäväksi. Kommentti: { $comment } Täydentäkää hakemusta osoitteessa { $link }
mail-application-approved = Hakemus on hyväksytty tuotantoon. Tuotantoonottopäivä: { $go_live }. { $link }
mail-application-rejected = Hakemus hylättiin. Perustelu: { $comment } { $link }
mail-application-test-result = Yhteistestauksen tulos on kirjattu: { $comment } { $link }
mail-application-changed = Hakemuksen tila on nyt: { $state }. { $link }
staff-heading = Kannan käsittelyjono
staff-filter-service = Palvelu
staff-filter-state = Tila
staff-filter-any = Kaikki palvelut
staff-filter-waiting = Odottaa Kantaa
staff-filter-all = Kaikki tilat
staff-filter-age = Vähintään päiviä muutoksesta
staff-filter-apply = Suodata
staff-queue-empty = Ei hakemuksia näillä ehdoilla.
staff-organisation = Organisaatio
staff-age = Odottanut
staff-age-days = { $days ->
    [one] { $days } päivä
   *[other] { $days } päivää
}
staff-back-to-queue = Takaisin jonoon
staff-answers = Hakemuksen tiedot
staff-decisions = Päätökset
staff-no-decisions = Hakemus ei odota Kannan toimia.
application-unmet = Ennen kuin hakemuksen voi lähettää, näiden pitää olla kunnossa:
notices-heading = Muutosilmoitukset
notices-none = Ei käsittelemättömiä muutosilmoituksia.
notice-takes-effect = Voimaan { $date }
notice-handled = Merkitse käsitellyksi
application-units-heading = Muut palveluyksiköt
application-units-text = Jos palvelu otetaan käyttöön useammassa kuin yhdessä palveluyksikössä, lisää tähän muut yksiköt. Jokaisen OID-tunnus tarkistetaan koodistopalvelusta.
application-units-none = Ei muita palveluyksiköitä.
application-unit-add = Lisää palveluyksikkö
application-unit-remove = Poista
history-unit-added = Palveluyksikkö lisättiin
history-unit-removed = Palveluyksikkö poistettiin
