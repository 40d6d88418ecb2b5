### Server-rendered pages only: these messages are not in the browser's catalogue.

audit-acting-started = Började företräda organisationen
audit-code-service-checked = Kontrollerade kodtjänstens uppgifter
audit-take-services-into-use = Ibruktagande av tjänster
audit-sign-agreements = Undertecknande av avtal
audit-update-contacts-and-technical-data = Uppdatering av kontakt- och tekniska uppgifter
audit-see-administrative-content = Visning av administrativa uppgifter
audit-login = Loggade in
audit-logout = Loggade ut
audit-staff-desk = Öppnade Kantatjänsternas arbetsbord
audit-contact-added = Lade till en kontaktperson
audit-contact-changed = Ändrade en kontaktpersons uppgifter
audit-contact-ended = Avslutade en kontaktpersons uppdrag
audit-technical-added = Anmälde en teknisk uppgift
audit-technical-ended = Avslutade en teknisk uppgifts giltighet
audit-data-confirmed = Bekräftade att uppgifterna är aktuella
audit-change-notice-handled = Behandlade en ändringsanmälan
audit-application-saved = Sparade ansökan
audit-agreement-signed = Undertecknade avtalet om kundrelation
audit-billing-imported = Importerade fakturor
audit-support-taken = Tog ett ärende till kundsupporten till handläggning
audit-support-answered = Besvarade ett ärende till kundsupporten
audit-administer-mandates = Hantering av fullmakter
