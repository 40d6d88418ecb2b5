login-identification-text = Siirryt Suomi.fi-tunnistukseen. Tunnistaudu pankkitunnuksilla, mobiilivarmenteella tai varmennekortilla. Palaat sen jälkeen tähän palveluun.
login-start = Siirry tunnistautumaan
login-already = Olet kirjautunut sisään nimellä { $name }.
login-to-front-page = Etusivulle
logout-button = Kirjaudu ulos
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
