### Server-rendered pages only: these messages are not in the browser's catalogue.
## Kanta's staff: the queue of applications, decisions, change notices and undelivered mail.

staff-heading = Kantas behandlingskö
staff-filter-service = Tjänst
staff-filter-state = Läge
staff-filter-any = Alla tjänster
staff-filter-waiting = Väntar på Kanta
staff-filter-all = Alla lägen
staff-filter-age = Minst dagar sedan ändring
staff-filter-apply = Filtrera
staff-queue-empty = Inga ansökningar med de här villkoren.
staff-queue-first = Till början av kön
staff-queue-next = Nästa 50
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
notices-heading = Ändringsanmälningar
notices-none = Inga obehandlade ändringsanmälningar.
notice-takes-effect = Träder i kraft { $date }
notice-handled = Markera som behandlad
staff-mail-heading = E-post som inte gått iväg
staff-mail-lead = Meddelanden som e-postservern inte har tagit emot. De försöks på nytt med allt längre mellanrum i 48 timmar; de som avvisats för gott eller passerat tidsgränsen kan skickas på nytt.
staff-mail-none = All e-post har skickats.
staff-mail-to = Mottagare
staff-mail-subject = Ämne
staff-mail-queued = Köad
staff-mail-state = Status
staff-mail-attempts = Försök
staff-mail-last-tried = Senaste försök
staff-mail-error = Orsak
staff-mail-actions = Åtgärder
staff-mail-retrying = Försöks på nytt
staff-mail-undeliverable = Kunde inte levereras
staff-mail-again = Skicka på nytt
staff-mail-all-again = Skicka all e-post som inte kunde levereras på nytt
