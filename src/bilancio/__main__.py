from .avvio import main

main()
