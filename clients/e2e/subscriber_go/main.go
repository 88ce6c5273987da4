// Command subscriber_go is a feed subscriber for restart_test.py, on the Go
// client; the same protocol as subscriber.py:
//
//	subscriber_go ADDRESS MARKER COUNT TIMEOUT_SECONDS
//
// prints "EVENT <cursor> <symbol>" per event, then "DONE <reconnects>" once
// COUNT resolutions whose title holds MARKER came. Exit 1: timeout; 2: error.
package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	plenaryv1 "github.com/plenary-un/plenary/clients/go/gen/plenary/v1"
	"github.com/plenary-un/plenary/clients/go/plenary"
)

func main() {
	if len(os.Args) != 5 {
		fmt.Fprintln(os.Stderr, "usage: subscriber_go ADDRESS MARKER COUNT TIMEOUT_SECONDS")
		os.Exit(2)
	}
	address, marker := os.Args[1], os.Args[2]
	count, _ := strconv.Atoi(os.Args[3])
	seconds, _ := strconv.ParseFloat(os.Args[4], 64)
	client, err := plenary.Dial(address, plenary.Options{})
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(2)
	}
	defer client.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(seconds*float64(time.Second)))
	defer cancel()
	feed := client.Subscribe(ctx, &plenaryv1.SubscribeRequest{FromBeginning: true})
	fmt.Println("READY")
	seen := 0
	for {
		event, err := feed.Recv()
		if err == context.DeadlineExceeded {
			fmt.Println("TIMEOUT", seen)
			os.Exit(1)
		}
		if err != nil {
			fmt.Println("ERROR", err)
			os.Exit(2)
		}
		resolution := event.GetEntry().GetResolution()
		symbol := resolution.GetSymbol()
		if symbol == "" {
			symbol = "-"
		}
		fmt.Println("EVENT", event.GetCursor(), symbol)
		if strings.Contains(resolution.GetTitle(), marker) {
			seen++
			if seen == count {
				fmt.Println("DONE", feed.Reconnects())
				return
			}
		}
	}
}
