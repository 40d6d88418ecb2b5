### Server-rendered pages only: these messages are not in the browser's catalogue.
## E-mail to organisations: an application's changes and reminders.

mail-application-subject = Kanta: { $service }, ansökan { $id }: { $state }
mail-application-submitted = Er ansökan har tagits emot och väntar på behandling. Ni ser ansökans skeden på { $link }
mail-application-returned = Kanta returnerade ansökan för komplettering. Kommentar: { $comment } Komplettera ansökan på { $link }
mail-application-approved = Ansökan har godkänts för produktion. Datum för produktionsstart: { $go_live }. { $link }
mail-application-approved-pharmacy = Ansökan har godkänts för produktion. Datum för produktionsstart: { $go_live }. { $link } Uppdatera apotekets kontaktpersoner och bekräfta att uppgifterna är aktuella i Kanta Extranet: { $customer_data }
mail-application-rejected = Ansökan avslogs. Motivering: { $comment } { $link }
mail-application-test-result = Resultatet av samtestningen har registrerats: { $comment } { $link }
mail-application-changed = Ansökans läge är nu: { $state }. { $link }
mail-reminder-subject = Kanta: kontrollera era kunduppgifter
mail-reminder-body = Det finns saker i era kunduppgifter för Kanta-tjänsterna som kräver uppmärksamhet:
    { $items }
    Uppdatera eller bekräfta uppgifterna på { $link }
