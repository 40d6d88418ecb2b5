### Server-rendered pages only: these messages are not in the browser's catalogue.
## Kanta's staff: the queue of applications, decisions, change notices and undelivered mail.

staff-heading = Kannan käsittelyjono
staff-filter-service = Palvelu
staff-filter-state = Tila
staff-filter-any = Kaikki palvelut
staff-filter-waiting = Odottaa Kantaa
staff-filter-all = Kaikki tilat
staff-filter-age = Vähintään päiviä muutoksesta
staff-filter-apply = Suodata
staff-queue-empty = Ei hakemuksia näillä ehdoilla.
staff-queue-first = Jonon alkuun
staff-queue-next = Seuraavat 50
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
notices-heading = Muutosilmoitukset
notices-none = Ei käsittelemättömiä muutosilmoituksia.
notice-takes-effect = Voimaan { $date }
notice-handled = Merkitse käsitellyksi
staff-mail-heading = Lähtemättömät sähköpostit
staff-mail-lead = Viestit, joita postipalvelin ei ole ottanut vastaan. Niitä yritetään uudelleen kasvavin välein 48 tunnin ajan; pysyvästi hylätyt ja aikarajan ylittäneet voi lähettää uudelleen.
staff-mail-none = Kaikki sähköpostit on lähetetty.
staff-mail-to = Vastaanottaja
staff-mail-subject = Aihe
staff-mail-queued = Jonoon
staff-mail-state = Tila
staff-mail-attempts = Yrityksiä
staff-mail-last-tried = Viimeksi yritetty
staff-mail-error = Syy
staff-mail-actions = Toiminnot
staff-mail-retrying = Yritetään uudelleen
staff-mail-undeliverable = Ei voitu toimittaa
staff-mail-again = Lähetä uudelleen
staff-mail-all-again = Lähetä kaikki toimittamatta jääneet uudelleen
