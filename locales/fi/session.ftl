login-identification-text = Siirryt Suomi.fi-tunnistukseen. Tunnistaudu pankkitunnuksilla, mobiilivarmenteella tai varmennekortilla. Palaat sen jälkeen tähän palveluun.
login-start = Siirry tunnistautumaan
login-already = Olet kirjautunut sisään nimellä { $name }.
login-to-front-page = Etusivulle
logout-button = Kirjaudu ulos
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
login-try-again = Yritä uudelleen
logged-out-heading = Olet kirjautunut ulos
logged-out-text = Istuntosi Kanta Extranetissä ja Suomi.fi-tunnistuksessa on päättynyt.
logged-out-browser = Jos käytät yhteistä tietokonetta, sulje vielä selain.
login-again = Kirjaudu uudelleen
session-ending = Istuntosi päättyy { $minutes ->
    [one] minuutin
   *[other] { $minutes } minuutin
} kuluttua, jos et jatka.
session-continue = Jatka istuntoa
session-ended = Istuntosi on päättynyt. Kirjaudu uudelleen jatkaaksesi.
account-heading = Omat tiedot
account-name = Nimi
account-assurance = Tunnistuksen varmuustaso
account-session = Istunto
account-session-text = Istunto päättyy, kun olet ollut { $minutes } minuuttia toimettomana.
account-data-text = Henkilötunnustasi ei tallenneta tähän palveluun luettavassa muodossa. Istunnon ajan se on salattuna avaimella, joka on vain selaimessasi, jotta voimme tarkistaa rekistereistä, kenen puolesta saat asioida. Sen avulla tunnistamme sinut myös seuraavalla kirjautumisella.
assurance-substantial = Korotettu (pankkitunnukset, mobiilivarmenne)
assurance-high = Korkea (varmennekortti)
