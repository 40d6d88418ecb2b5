### Server-rendered pages only: these messages are not in the browser's catalogue.
# The page shown when the server refuses a request before any page could answer it (too large,
# too many, unreadable, a fault).

refusal-heading = Begäran behandlades inte
refusal-retry-after = Du kan försöka på nytt om { $seconds } sekunder.
refusal-back = Tillbaka till föregående sida
refusal-home = Till startsidan

## Refused form posts: the fields they name
field-kind = Typ
field-name = Namn
field-email = E-post
field-phone = Telefonnummer
field-service = Tjänst
field-services = Tjänster
field-oid = OID-kod
field-takes-effect = Träder i kraft
field-version = Version
field-vendor = Leverantör
field-file = Fil
field-other = Uppgift
