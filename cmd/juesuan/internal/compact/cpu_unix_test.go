//go:build unix

package compact

import (
	"syscall"
	"time"
)

// processCPU is the process's CPU time (user and system, every thread,
// the GC's included): on a shared machine a steadier measure than wall
// time.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
