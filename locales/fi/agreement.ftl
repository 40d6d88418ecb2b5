### Server-rendered pages only: these messages are not in the browser's catalogue.
## The customer-relationship agreement: its text, signing and the signed document.

agreement-intro = Lue sopimus (versio { $version }). Allekirjoituksesta tallentuu allekirjoittaja, organisaatio, asiointiperuste, aika ja tarkisteluku juuri tästä tekstistä.
agreement-sign = Allekirjoita sopimus
agreement-signed-heading = Allekirjoitettu sopimus
agreement-signed-by = Allekirjoittanut { $signer } { $at }, sopimusversio { $version }.
agreement-hash = Tekstin SHA-256-tarkisteluku:
agreement-cited = Sopimus viittaa näihin asiakirjoihin:
agreement-download = Lataa sopimus (PDF)
agreement-signed-block = Allekirjoitus: { $signer }, { $organisation }. Peruste: { $basis }. Aika: { $at }. Sopimusversio { $version }. Tekstin SHA-256: { $hash }
document-signed-text = Allekirjoitettu teksti sellaisenaan (UTF-8). Sen SHA-256 on { $hash }.
agreement-2026-2-title = Kanta-palvelujen asiakkuussopimus, versio { $version }
agreement-2026-2-parties = Osapuolet: Kansaneläkelaitos (Kela) Kanta-palvelujen ylläpitäjänä ja { $organisation } (Y-tunnus { $ytunnus }), jäljempänä asiakas. Sopimus koskee { $count ->
        [one] palvelua
       *[other] palveluja
    }: { $service }.
agreement-2026-2-scope = 1. Sopimuksen kohde. Asiakas ottaa palvelun käyttöön ja käyttää sitä palvelukuvauksen, yleisten toimitusehtojen ja voimassa olevan lainsäädännön mukaisesti.
agreement-2026-2-terms = 2. Yleiset toimitusehdot. Asiakas hyväksyy Kanta-palvelujen yleiset toimitusehdot, versio { $terms }, jotka ovat luettavissa Kanta Extranetissä.
agreement-2026-2-service-description = 3. Palvelukuvaus. Asiakas hyväksyy palvelukuvaukset ({ $descriptions }) ja sitoutuu toteuttamaan liittymän niiden mukaisesti yhteistestauksen kautta.
agreement-2026-2-data = 4. Tiedot. Asiakas pitää hallinnolliset ja tekniset tietonsa sekä yhteyshenkilönsä ajan tasalla Kanta Extranetissä.
agreement-2026-2-fees = 5. Maksut. Palvelun käytöstä laskutetaan voimassa olevan asetuksen mukaiset maksut.
agreement-2026-2-termination = 6. Voimassaolo. Sopimus on voimassa toistaiseksi, ja asiakas voi irtisanoa sen Kanta Extranetissä.
