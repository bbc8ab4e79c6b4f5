"""InsightX Python worker entry point: import the analytics stack once, then serve jobs over stdio.

Usage: python3 -I -B worker.py [--scratch DIR]; the protocol is described in insightx_worker/protocol.py.
"""
import gc
import os
import sys

# One BLAS thread: the fork-server must stay single-threaded to fork safely, and jobs count threads
# against their process limit.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_name] = "1"

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)


def main(argv):
    scratch = "/tmp"
    if "--scratch" in argv:
        scratch = argv[argv.index("--scratch") + 1]
    os.makedirs(scratch, exist_ok=True)
    os.chdir(scratch)
    import numpy
    import pandas
    import scipy
    import scipy.stats  # noqa: F401
    import sklearn.ensemble  # noqa: F401
    import statsmodels
    import statsmodels.api  # noqa: F401
    import statsmodels.tsa.holtwinters  # noqa: F401

    import insightx_analytics  # noqa: F401
    from insightx_worker import reaper, server

    reaper.harden_self()
    # Everything imported so far is shared copy-on-write with every job; keep the collector from
    # touching (and so copying) those pages in each child.
    gc.collect()
    gc.freeze()
    versions = {
        "python": sys.version.split()[0],
        "numpy": numpy.__version__,
        "pandas": pandas.__version__,
        "scipy": scipy.__version__,
        "statsmodels": statsmodels.__version__,
    }
    server.serve(scratch, versions)


if __name__ == "__main__":
    main(sys.argv[1:])
