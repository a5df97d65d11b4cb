import sys, cProfile, os, time
sys.path.insert(0, "/work/wt/perf")
from map_app.dashboard.app import main
pr = cProfile.Profile()
t = time.perf_counter(); c = time.thread_time()
pr.enable()
main()
pr.disable()
n = int(os.environ.get("PROF_N", "0"))
open("/tmp/perfout/script_times.txt", "a").write(f"run wall {time.perf_counter()-t:.2f} thread-cpu {time.thread_time()-c:.2f}\n")
pr.dump_stats(f"/tmp/perfout/script{os.getpid()}_{time.time():.0f}.prof")
