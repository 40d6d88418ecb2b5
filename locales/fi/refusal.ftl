### Server-rendered pages only: these messages are not built into the browser's WASM.
# The page shown when the server refuses a request before any page could answer it (too large,
# too many, unreadable, a fault).

refusal-heading = Pyyntöä ei käsitelty
refusal-retry-after = Voit yrittää uudelleen { $seconds } sekunnin kuluttua.
refusal-back = Takaisin edelliselle sivulle
refusal-home = Etusivulle
