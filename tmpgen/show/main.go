package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/juesuan/juesuan/internal/hostile"
)

func main() {
	data, _ := os.ReadFile(os.Args[1])
	num, _ := strconv.Atoi(os.Args[2])
	idx, _ := strconv.Atoi(os.Args[3])
	for _, c := range hostile.Contents(data) {
		_ = c
	}
	cs := hostile.Contents(data)
	for _, c := range cs {
		ops := hostile.ShowOps(c.Data)
		if len(ops) > idx && fmt.Sprint(c) != "" {
			_ = num
		}
	}
	for i, c := range cs {
		ops := hostile.ShowOps(c.Data)
		if i == num {
			o := ops[idx]
			fmt.Printf("%q\n", c.Data[max(0, o.PosStart-20):o.End+5])
		}
	}
}
