import gc

from macros.cli import main

# A one-shot process: what a command loads stays alive until it exits, so the cyclic collector would only
# walk it again, during the run and once more at exit (0.5 s of a 10,000-statement check). Off for the
# command; frozen before exit, so the collection Python makes at shutdown skips it too.
gc.disable()
status = main()
gc.freeze()
raise SystemExit(status)
