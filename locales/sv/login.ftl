### Server-rendered pages only: these messages are not in the browser's catalogue.
# Why a login did not complete: the login page says so, rendered on the server.

login-failed-heading = Inloggningen lyckades inte
login-failed-not-logged-in = Du är inte inloggad. Inga uppgifter om dig sparades.
login-failed-state = Inloggningsbegäran hade gått ut, var redan använd eller kom inte från den här webbläsaren. Börja inloggningen på nytt.
login-failed-cancelled = Du avbröt identifieringen.
login-failed-provider = Identifikationstjänsten godkände inte inloggningen.
login-failed-token = Svaret från identifikationstjänsten kunde inte verifieras och godkändes därför inte.
login-failed-assurance = Tillitsnivån för ditt identifieringssätt räcker inte för den här tjänsten. Identifiera dig med bankkoder, mobilcertifikat eller certifikatkort.
login-failed-foreign = Du identifierade dig med en utländsk e-legitimation (eIDAS). Kanta Extranet kräver en finländsk personbeteckning, eftersom handelsregistret och Suomi.fi-fullmakter känner igen användaren med den. Identifiera dig med finländska bankkoder, mobilcertifikat eller certifikatkort, eller kontakta kundtjänsten.
login-failed-identity = Identifikationstjänsten skickade ingen giltig personbeteckning och inget namn.
login-failed-unavailable = Vi når inte identifikationstjänsten just nu. Försök igen om en stund.
