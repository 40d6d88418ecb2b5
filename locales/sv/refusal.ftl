### Server-rendered pages only: these messages are not built into the browser's WASM.
# The page shown when the server refuses a request before any page could answer it (too large,
# too many, unreadable, a fault).

refusal-heading = Begäran behandlades inte
refusal-retry-after = Du kan försöka på nytt om { $seconds } sekunder.
refusal-back = Tillbaka till föregående sida
refusal-home = Till startsidan
