### Server-rendered pages only: these messages are not in the browser's catalogue.

audit-acting-started = Aloitti asioinnin organisaation puolesta
audit-code-service-checked = Tarkisti koodistopalvelun tiedot
audit-take-services-into-use = Palvelujen käyttöönotto
audit-sign-agreements = Sopimusten allekirjoitus
audit-update-contacts-and-technical-data = Yhteys- ja teknisten tietojen päivitys
audit-see-administrative-content = Hallinnollisten tietojen katselu
audit-login = Kirjautui sisään
audit-logout = Kirjautui ulos
audit-staff-desk = Avasi Kanta-palvelujen työpöydän
audit-contact-added = Lisäsi yhteyshenkilön
audit-contact-changed = Muutti yhteyshenkilön tietoja
audit-contact-ended = Päätti yhteyshenkilön tehtävän
audit-technical-added = Ilmoitti teknisen tiedon
audit-technical-ended = Päätti teknisen tiedon voimassaolon
audit-data-confirmed = Vahvisti tiedot ajantasaisiksi
audit-change-notice-handled = Käsitteli muutosilmoituksen
audit-application-saved = Tallensi hakemuksen
audit-agreement-signed = Allekirjoitti asiakkuussopimuksen
audit-billing-imported = Toi laskuja
audit-support-taken = Otti asiakastuen pyynnön käsiteltäväksi
audit-support-answered = Vastasi asiakastuen pyyntöön
audit-administer-mandates = Valtuuksien hallinta
