// Tests of the Go client. The live ones run against the services that
// clients/run_tests.sh starts (PLENARY_REGISTRY, PLENARY_INGEST,
// PLENARY_PUBLISHER_TOKEN, PLENARY_READER_REGISTRY, PLENARY_READER_TOKEN);
// the deadline and retry tests need no server of Plenary's.
package plenary_test

import (
	"context"
	"fmt"
	"math/rand"
	"net"
	"os"
	"reflect"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	plenaryv1 "github.com/plenary-un/plenary/clients/go/gen/plenary/v1"
	"github.com/plenary-un/plenary/clients/go/plenary"
)

func liveClient(t *testing.T) *plenary.Client {
	t.Helper()
	registry, ingest := os.Getenv("PLENARY_REGISTRY"), os.Getenv("PLENARY_INGEST")
	token := os.Getenv("PLENARY_PUBLISHER_TOKEN")
	if registry == "" || ingest == "" || token == "" {
		t.Skip("run through clients/run_tests.sh")
	}
	client, err := plenary.Dial(registry, plenary.Options{IngestAddress: ingest, PublisherToken: token})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	return client
}

// uniqueResolution is a one-row resolution table with a symbol no other test uses.
func uniqueResolution() (string, []byte) {
	session, number := 100+rand.Intn(900), 1000+rand.Intn(9000)
	table := "Time\tResolution Number\tResolution Name\tDescription\n" +
		fmt.Sprintf("3 March 2031\tA/RES/%d/%d General Assembly\t%d/%d. Go client test %d\t",
			session, number, session, number, number) +
		fmt.Sprintf("<p>The General Assembly</p> <ul> • 1. Welcomes test %d.</ul>\n", number)
	return fmt.Sprintf("A/RES/%d/%d", session, number), []byte(table)
}

// uniqueWord is a word no document contains but the ones a test gives it to.
func uniqueWord() string {
	const letters = "bcdfghjklmnpqrstvwxz"
	word := []byte("zq")
	for i := 0; i < 10; i++ {
		word = append(word, letters[rand.Intn(len(letters))])
	}
	return string(word)
}

// resolutionWithVote is a one-row resolution table, and meeting coverage that
// reports its recorded vote naming the Member States against and abstaining:
// the vote is recorded on the resolution when the coverage comes after it.
// Coverage cites a resolution by its short symbol, whose session has at most
// two digits; sessions 10 to 99 are ones uniqueResolution never uses.
func resolutionWithVote(word, against, abstaining string) (symbol string, table, coverage []byte) {
	session, number := 10+rand.Intn(90), 1000+rand.Intn(9000)
	table = []byte("Time\tResolution Number\tResolution Name\tDescription\n" +
		fmt.Sprintf("3 March 2031\tA/RES/%d/%d General Assembly\t%d/%d. Go client test %d %s\t",
			session, number, session, number, number, word) +
		fmt.Sprintf("<p>The General Assembly</p> <ul> • 1. Welcomes test %d.</ul>\n", number))
	coverage = []byte(fmt.Sprintf("General Assembly\nGA/%d\n3 March 2031\n\n66th Meeting (AM)\n\n"+
		"GENERAL ASSEMBLY ADOPTS CLIENT TEST TEXT %d\n\n"+
		"The General Assembly today adopted resolution %d/%d by a recorded vote of 150 in favour to\n"+
		"2 against (%s), with 3 abstentions (%s).\n",
		20000+rand.Intn(80000), number, session, number, against, abstaining))
	return fmt.Sprintf("A/RES/%d/%d", session, number), table, coverage
}

func ingest(t *testing.T, client *plenary.Client, table []byte) *plenaryv1.IngestDocumentResponse {
	t.Helper()
	response, err := client.Ingest.IngestDocument(context.Background(),
		&plenaryv1.IngestDocumentRequest{Content: table})
	if err != nil {
		t.Fatalf("IngestDocument: %v", err)
	}
	return response
}

func TestIngestThenGetAndSubscribe(t *testing.T) {
	client := liveClient(t)
	symbol, table := uniqueResolution()
	stored := ingest(t, client, table)
	if len(stored.Entries) != 1 || stored.Entries[0].GetResolution().GetSymbol() != symbol {
		t.Fatalf("ingested %v, want one resolution %s", stored.Entries, symbol)
	}

	resolution, err := client.Registry.GetResolution(context.Background(),
		&plenaryv1.GetResolutionRequest{Symbol: strings.ToLower(symbol)})
	if err != nil || resolution.Symbol != symbol || resolution.Body != "General Assembly" {
		t.Fatalf("GetResolution = %v, %v; want %s of the General Assembly", resolution, err, symbol)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	feed := client.Subscribe(ctx, &plenaryv1.SubscribeRequest{FromBeginning: true})
	for {
		event, err := feed.Recv()
		if err != nil {
			t.Fatalf("the feed ended before %s came: %v", symbol, err)
		}
		if event.GetType() == plenaryv1.FeedEventType_FEED_EVENT_TYPE_PROGRESS {
			t.Fatalf("a PROGRESS event was yielded: %v", event)
		}
		if event.GetEntry().GetResolution().GetSymbol() == symbol {
			if event.GetType() != plenaryv1.FeedEventType_FEED_EVENT_TYPE_CREATED ||
				feed.Cursor() != event.GetCursor() {
				t.Fatalf("event %v, cursor %q", event, feed.Cursor())
			}
			break
		}
	}
	feed.Close()
	if _, err := feed.Recv(); err != context.Canceled {
		t.Fatalf("Recv after Close = %v, want context.Canceled", err)
	}
}

// invalidField fails the test unless err is INVALID_ARGUMENT naming field.
func invalidField(t *testing.T, err error, field string) {
	t.Helper()
	if status.Code(err) != codes.InvalidArgument || !strings.Contains(status.Convert(err).Message(), field) {
		t.Fatalf("error %v, want INVALID_ARGUMENT naming %s", err, field)
	}
}

func TestListResolutionsByMemberStateVote(t *testing.T) {
	client := liveClient(t)
	word := uniqueWord()
	against, againstTable, againstCoverage := resolutionWithVote(word,
		"Israel, United States", "Australia, Canada, Japan")
	abstained, abstainedTable, abstainedCoverage := resolutionWithVote(word,
		"Israel, Canada", "Australia, United States, Japan")
	for _, document := range [][]byte{againstTable, abstainedTable, againstCoverage, abstainedCoverage} {
		ingest(t, client, document)
	}
	list := func(vote *plenaryv1.MemberStateVoteFilter) ([]string, error) {
		response, err := client.Registry.ListResolutions(context.Background(),
			&plenaryv1.ListResolutionsRequest{Text: word, MemberStateVote: vote})
		symbols := []string{}
		for _, resolution := range response.GetResolutions() {
			symbols = append(symbols, resolution.GetSymbol())
		}
		sort.Strings(symbols)
		return symbols, err
	}
	both := []string{against, abstained}
	sort.Strings(both)
	for _, c := range []struct {
		vote *plenaryv1.MemberStateVoteFilter
		want []string
	}{
		{&plenaryv1.MemberStateVoteFilter{MemberState: "USA",
			Position: plenaryv1.VotePosition_VOTE_POSITION_AGAINST}, []string{against}},
		{&plenaryv1.MemberStateVoteFilter{MemberState: "United States",
			Position: plenaryv1.VotePosition_VOTE_POSITION_ABSTAINING}, []string{abstained}},
		{&plenaryv1.MemberStateVoteFilter{MemberState: "Israel"}, both},
		{&plenaryv1.MemberStateVoteFilter{MemberState: "JPN",
			Position: plenaryv1.VotePosition_VOTE_POSITION_IN_FAVOUR}, []string{}},
		{nil, both},
	} {
		if got, err := list(c.vote); err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("ListResolutions voted %v = %v, %v; want %v", c.vote, got, err, c.want)
		}
	}
	_, err := list(&plenaryv1.MemberStateVoteFilter{MemberState: "Atlantis"})
	invalidField(t, err, "member_state_vote.member_state")
}

func TestSubscribeByMemberStateVote(t *testing.T) {
	client := liveClient(t)
	word := uniqueWord()
	against, againstTable, againstCoverage := resolutionWithVote(word,
		"Israel, United States", "Australia, Canada, Japan")
	_, abstainedTable, abstainedCoverage := resolutionWithVote(word,
		"Israel, Canada", "Australia, United States, Japan")
	// The vote left out comes first, so the feed has passed it when the one
	// selected arrives.
	for _, document := range [][]byte{againstTable, abstainedTable, abstainedCoverage, againstCoverage} {
		ingest(t, client, document)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	votes := []*plenaryv1.MemberStateVoteFilter{
		{MemberState: "United States", Position: plenaryv1.VotePosition_VOTE_POSITION_AGAINST},
		{MemberState: "FRA"},
	}
	feed := client.Subscribe(ctx, &plenaryv1.SubscribeRequest{
		FromBeginning: true, Query: word, MemberStateVotes: votes})
	defer feed.Close()
	// Only the revision that brought the vote: the first one had none.
	event, err := feed.Recv()
	if err != nil || event.GetEntry().GetResolution().GetSymbol() != against ||
		event.GetType() != plenaryv1.FeedEventType_FEED_EVENT_TYPE_REVISED ||
		event.GetEntry().GetResolution().GetVote().GetInFavour() != 150 {
		t.Fatalf("Recv = %v, %v; want the revision of %s with its vote", event, err, against)
	}

	rejected := client.Subscribe(ctx, &plenaryv1.SubscribeRequest{
		MemberStateVotes: append(votes, &plenaryv1.MemberStateVoteFilter{MemberState: "Atlantis"})})
	defer rejected.Close()
	_, err = rejected.Recv()
	invalidField(t, err, "member_state_votes[2].member_state")
}

func TestUnknownSymbolIsNotFound(t *testing.T) {
	client := liveClient(t)
	_, err := client.Registry.GetResolution(context.Background(),
		&plenaryv1.GetResolutionRequest{Symbol: "A/RES/99/99999"})
	if status.Code(err) != codes.NotFound {
		t.Fatalf("GetResolution(A/RES/99/99999) = %v, want NOT_FOUND", err)
	}
}

func TestIngestWithoutTokenIsUnauthenticated(t *testing.T) {
	liveClient(t)
	client, err := plenary.Dial(os.Getenv("PLENARY_REGISTRY"),
		plenary.Options{IngestAddress: os.Getenv("PLENARY_INGEST")})
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	_, table := uniqueResolution()
	_, err = client.Ingest.IngestDocument(context.Background(),
		&plenaryv1.IngestDocumentRequest{Content: table})
	if status.Code(err) != codes.Unauthenticated {
		t.Fatalf("IngestDocument without a token = %v, want UNAUTHENTICATED", err)
	}
}

func TestReaderToken(t *testing.T) {
	address, token := os.Getenv("PLENARY_READER_REGISTRY"), os.Getenv("PLENARY_READER_TOKEN")
	if address == "" || token == "" {
		t.Skip("needs PLENARY_READER_REGISTRY and PLENARY_READER_TOKEN")
	}
	request := &plenaryv1.GetResolutionRequest{Symbol: "A/RES/99/99999"}
	for _, c := range []struct {
		token string
		want  codes.Code
	}{{"", codes.Unauthenticated}, {"not-a-reader", codes.Unauthenticated}, {token, codes.NotFound}} {
		client, err := plenary.Dial(address, plenary.Options{ReaderToken: c.token})
		if err != nil {
			t.Fatal(err)
		}
		_, err = client.Registry.GetResolution(context.Background(), request)
		client.Close()
		if status.Code(err) != c.want {
			t.Errorf("GetResolution with token %q = %v, want %v", c.token, err, c.want)
		}
	}
}

// silentListener accepts connections and never answers on them.
func silentListener(t *testing.T) string {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { listener.Close() })
	go func() {
		for {
			conn, err := listener.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				buffer := make([]byte, 4096)
				for {
					if _, err := conn.Read(buffer); err != nil {
						return
					}
				}
			}()
		}
	}()
	return listener.Addr().String()
}

func TestServerThatNeverAnswersIsDeadlineExceeded(t *testing.T) {
	address := silentListener(t)
	for _, c := range []struct {
		name    string
		options plenary.Options
		ctx     func() (context.Context, context.CancelFunc)
		want    time.Duration
	}{
		{"client default", plenary.Options{Timeout: 500 * time.Millisecond},
			func() (context.Context, context.CancelFunc) { return context.WithCancel(context.Background()) },
			500 * time.Millisecond},
		{"the call's own deadline", plenary.Options{},
			func() (context.Context, context.CancelFunc) {
				return context.WithTimeout(context.Background(), 300*time.Millisecond)
			},
			300 * time.Millisecond},
	} {
		t.Run(c.name, func(t *testing.T) {
			client, err := plenary.Dial(address, c.options)
			if err != nil {
				t.Fatal(err)
			}
			defer client.Close()
			ctx, cancel := c.ctx()
			defer cancel()
			start := time.Now()
			_, err = client.Registry.GetResolution(ctx, &plenaryv1.GetResolutionRequest{Symbol: "64/222"})
			elapsed := time.Since(start)
			if status.Code(err) != codes.DeadlineExceeded {
				t.Fatalf("GetResolution = %v, want DEADLINE_EXCEEDED", err)
			}
			if elapsed < c.want || elapsed > c.want+time.Second {
				t.Fatalf("failed after %v, want about %v", elapsed, c.want)
			}
			t.Logf("DEADLINE_EXCEEDED after %v", elapsed)
		})
	}
	if plenary.DefaultTimeout != 10*time.Second {
		t.Fatalf("DefaultTimeout = %v, the READMEs say 10 s", plenary.DefaultTimeout)
	}
}

// flakyRegistry answers UNAVAILABLE to the first `failures` calls and
// records the metadata of the last.
type flakyRegistry struct {
	plenaryv1.UnimplementedRegistryServiceServer
	failures int32
	calls    int32
	metadata atomic.Value
}

func (r *flakyRegistry) GetResolution(ctx context.Context,
	request *plenaryv1.GetResolutionRequest) (*plenaryv1.Resolution, error) {
	md, _ := metadata.FromIncomingContext(ctx)
	r.metadata.Store(md)
	if atomic.AddInt32(&r.calls, 1) <= r.failures {
		return nil, status.Error(codes.Unavailable, "restarting")
	}
	return &plenaryv1.Resolution{Symbol: "A/RES/" + request.Symbol}, nil
}

func startFake(t *testing.T, registry *flakyRegistry) string {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	server := grpc.NewServer()
	plenaryv1.RegisterRegistryServiceServer(server, registry)
	go server.Serve(listener)
	t.Cleanup(server.Stop)
	return listener.Addr().String()
}

func TestUnavailableIsRetriedWithTokenAndMetadata(t *testing.T) {
	registry := &flakyRegistry{failures: 2}
	client, err := plenary.Dial(startFake(t, registry), plenary.Options{
		ReaderToken: "reader-1",
		Metadata:    metadata.Pairs("x-team", "go-test"),
	})
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	resolution, err := client.Registry.GetResolution(context.Background(),
		&plenaryv1.GetResolutionRequest{Symbol: "64/222"})
	if err != nil || resolution.Symbol != "A/RES/64/222" {
		t.Fatalf("GetResolution = %v, %v; want it to succeed on the third attempt", resolution, err)
	}
	if calls := atomic.LoadInt32(&registry.calls); calls != 3 {
		t.Fatalf("%d attempts, want 3", calls)
	}
	md := registry.metadata.Load().(metadata.MD)
	if got := md.Get("authorization"); len(got) != 1 || got[0] != "Bearer reader-1" {
		t.Fatalf("authorization = %v", got)
	}
	if got := md.Get("x-team"); len(got) != 1 || got[0] != "go-test" {
		t.Fatalf("x-team = %v", got)
	}
}

func TestRetriesStopAtMaxAttempts(t *testing.T) {
	registry := &flakyRegistry{failures: 100}
	client, err := plenary.Dial(startFake(t, registry), plenary.Options{MaxAttempts: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	_, err = client.Registry.GetResolution(context.Background(),
		&plenaryv1.GetResolutionRequest{Symbol: "64/222"})
	if status.Code(err) != codes.Unavailable || atomic.LoadInt32(&registry.calls) != 3 {
		t.Fatalf("GetResolution = %v after %d attempts, want UNAVAILABLE after 3", err, registry.calls)
	}
}

// endlessFeed sends one event, then ends every stream at once without an error.
type endlessFeed struct {
	plenaryv1.UnimplementedFeedServiceServer
	calls int32
}

func (f *endlessFeed) Subscribe(request *plenaryv1.SubscribeRequest,
	stream plenaryv1.FeedService_SubscribeServer) error {
	if atomic.AddInt32(&f.calls, 1) == 1 {
		return stream.Send(&plenaryv1.FeedEvent{Cursor: "c1",
			Type: plenaryv1.FeedEventType_FEED_EVENT_TYPE_CREATED})
	}
	return nil
}

func TestClosingTheClientEndsItsSubscriptions(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	server := grpc.NewServer()
	plenaryv1.RegisterFeedServiceServer(server, &endlessFeed{})
	go server.Serve(listener)
	defer server.Stop()
	client, err := plenary.Dial(listener.Addr().String(), plenary.Options{
		InitialBackoff: 50 * time.Millisecond, MaxBackoff: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	feed := client.Subscribe(context.Background(), &plenaryv1.SubscribeRequest{})
	if event, err := feed.Recv(); err != nil || event.Cursor != "c1" {
		t.Fatalf("Recv = %v, %v; want the event c1", event, err)
	}
	time.AfterFunc(200*time.Millisecond, func() { client.Close() })
	done := make(chan error)
	go func() {
		_, err := feed.Recv()
		done <- err
	}()
	select {
	case err := <-done:
		if err != context.Canceled {
			t.Fatalf("Recv after the client closed = %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Recv went on after the client closed")
	}
}
