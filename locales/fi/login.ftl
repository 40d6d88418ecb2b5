### Server-rendered pages only: these messages are not in the browser's catalogue.
# Why a login did not complete: the login page says so, rendered on the server.

login-failed-heading = Kirjautuminen ei onnistunut
login-failed-not-logged-in = Et ole kirjautunut sisään. Tietojasi ei tallennettu.
login-failed-state = Kirjautumispyyntö oli vanhentunut, jo käytetty tai se ei ollut tältä selaimelta. Aloita kirjautuminen uudelleen.
login-failed-cancelled = Keskeytit tunnistautumisen.
login-failed-provider = Tunnistuspalvelu ei hyväksynyt kirjautumista.
login-failed-token = Tunnistuspalvelun vastausta ei voitu varmentaa, joten sitä ei hyväksytty.
login-failed-assurance = Tunnistustapasi varmuustaso ei riitä tähän palveluun. Tunnistaudu pankkitunnuksilla, mobiilivarmenteella tai varmennekortilla.
login-failed-foreign = Tunnistauduit ulkomaisella tunnistusvälineellä (eIDAS). Kanta Extranetin käyttö edellyttää suomalaista henkilötunnusta, koska kaupparekisteri ja Suomi.fi-valtuudet tunnistavat asioijan sen perusteella. Tunnistaudu suomalaisilla pankkitunnuksilla, mobiilivarmenteella tai varmennekortilla, tai ota yhteyttä asiakaspalveluun.
login-failed-identity = Tunnistuspalvelu ei välittänyt kelvollista henkilötunnusta ja nimeä.
login-failed-unavailable = Tunnistuspalveluun ei juuri nyt saada yhteyttä. Yritä hetken kuluttua uudelleen.
