### Server-rendered pages only: these messages are not in the browser's catalogue.
# The page shown when the server refuses a request before any page could answer it (too large,
# too many, unreadable, a fault).

refusal-heading = Pyyntöä ei käsitelty
refusal-retry-after = Voit yrittää uudelleen { $seconds } sekunnin kuluttua.
refusal-back = Takaisin edelliselle sivulle
refusal-home = Etusivulle

## Refused form posts: the fields they name
field-kind = Tyyppi
field-name = Nimi
field-email = Sähköposti
field-phone = Puhelinnumero
field-service = Palvelu
field-services = Palvelut
field-oid = OID-tunnus
field-takes-effect = Voimaantulopäivä
field-version = Versio
field-vendor = Toimittaja
field-file = Tiedosto
field-other = Tieto
