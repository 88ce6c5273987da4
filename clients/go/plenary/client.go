// Package plenary is a small Go client of Plenary's gRPC services: the
// generated stubs (package plenaryv1) behind the call options every caller
// would otherwise rewrite, and a feed subscription that resumes by itself.
//
//	client, err := plenary.Dial("127.0.0.1:50051", plenary.Options{ReaderToken: "..."})
//	resolution, err := client.Registry.GetResolution(ctx, &plenaryv1.GetResolutionRequest{Symbol: "64/222"})
//
// Every unary call gets a deadline when its context has none (Options.Timeout),
// the token as "authorization: Bearer <token>" and Options.Metadata, and is
// retried with jittered backoff while the server answers UNAVAILABLE: every
// unary method of the contract is safe to repeat (IngestDocument is
// idempotent, so a retried ingestion may answer duplicate = true).
// Errors are gRPC statuses: status.Code(err) is codes.NotFound and so on.
package plenary

import (
	"context"
	"io"
	"math/rand"
	"sync"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	plenaryv1 "github.com/plenary-un/plenary/clients/go/gen/plenary/v1"
)

// Defaults of Options.
const (
	DefaultTimeout        = 10 * time.Second
	DefaultIngestTimeout  = 60 * time.Second
	DefaultMaxAttempts    = 5
	DefaultInitialBackoff = 100 * time.Millisecond
	DefaultMaxBackoff     = 5 * time.Second
)

// Options configures a Client. The zero value is plaintext, no token, and
// the defaults above.
type Options struct {
	// IngestAddress is host:port of plenary-ingest; Client.Ingest is nil without it.
	IngestAddress string
	// ReaderToken is sent to plenary-registry (queries and the feed) when it
	// runs with --reader-tokens.
	ReaderToken string
	// PublisherToken is sent to plenary-ingest.
	PublisherToken string
	// Metadata is added to every call.
	Metadata metadata.MD
	// Timeout is the deadline of a registry call whose context has none
	// (DefaultTimeout when zero); IngestTimeout that of an ingestion. The
	// feed's stream has no deadline.
	Timeout, IngestTimeout time.Duration
	// MaxAttempts bounds the attempts of a unary call that meets UNAVAILABLE
	// (DefaultMaxAttempts when zero; 1 disables retries).
	MaxAttempts int
	// InitialBackoff and MaxBackoff bound the jittered, doubling waits
	// between retries and between feed resubscriptions.
	InitialBackoff, MaxBackoff time.Duration
	// DialOptions are added last, e.g. grpc.WithTransportCredentials for TLS
	// (plaintext otherwise).
	DialOptions []grpc.DialOption
}

// Client holds the stubs of the three services. Close it when done.
type Client struct {
	Registry plenaryv1.RegistryServiceClient
	Feed     plenaryv1.FeedServiceClient
	// Ingest is nil when Options.IngestAddress is empty.
	Ingest plenaryv1.IngestServiceClient

	options   Options
	conns     []*grpc.ClientConn
	closed    chan struct{} // closed by Close: subscriptions end
	closeOnce sync.Once
}

// Dial connects (lazily, as grpc.Dial does) to plenary-registry at
// registryAddress and, if Options.IngestAddress is set, to plenary-ingest.
// Returns an error only for options grpc.Dial refuses.
func Dial(registryAddress string, options Options) (*Client, error) {
	if options.Timeout <= 0 {
		options.Timeout = DefaultTimeout
	}
	if options.IngestTimeout <= 0 {
		options.IngestTimeout = DefaultIngestTimeout
	}
	if options.MaxAttempts <= 0 {
		options.MaxAttempts = DefaultMaxAttempts
	}
	if options.InitialBackoff <= 0 {
		options.InitialBackoff = DefaultInitialBackoff
	}
	if options.MaxBackoff <= 0 {
		options.MaxBackoff = DefaultMaxBackoff
	}
	client := &Client{options: options, closed: make(chan struct{})}
	registry, err := client.dial(registryAddress, options.ReaderToken, options.Timeout)
	if err != nil {
		return nil, err
	}
	client.Registry = plenaryv1.NewRegistryServiceClient(registry)
	client.Feed = plenaryv1.NewFeedServiceClient(registry)
	if options.IngestAddress != "" {
		ingest, err := client.dial(options.IngestAddress, options.PublisherToken, options.IngestTimeout)
		if err != nil {
			client.Close()
			return nil, err
		}
		client.Ingest = plenaryv1.NewIngestServiceClient(ingest)
	}
	return client, nil
}

// Close closes the connections; open subscriptions end with them (Recv
// returns context.Canceled).
func (c *Client) Close() error {
	c.closeOnce.Do(func() { close(c.closed) })
	var first error
	for _, conn := range c.conns {
		if err := conn.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

func (c *Client) dial(address, token string, timeout time.Duration) (*grpc.ClientConn, error) {
	md := c.options.Metadata.Copy()
	if md == nil {
		md = metadata.MD{}
	}
	if token != "" {
		md.Set("authorization", "Bearer "+token)
	}
	options := []grpc.DialOption{
		// grpc-go 1.33 has no credentials/insecure; DialOptions may override.
		grpc.WithInsecure(),
		grpc.WithChainUnaryInterceptor(c.unaryInterceptor(md, timeout)),
		grpc.WithChainStreamInterceptor(streamInterceptor(md)),
	}
	conn, err := grpc.Dial(address, append(options, c.options.DialOptions...)...)
	if err != nil {
		return nil, err
	}
	c.conns = append(c.conns, conn)
	return conn, nil
}

func withMetadata(ctx context.Context, md metadata.MD) context.Context {
	for key, values := range md {
		for _, value := range values {
			ctx = metadata.AppendToOutgoingContext(ctx, key, value)
		}
	}
	return ctx
}

// unaryInterceptor adds the metadata, the default deadline and the retries.
func (c *Client) unaryInterceptor(md metadata.MD, timeout time.Duration) grpc.UnaryClientInterceptor {
	return func(ctx context.Context, method string, req, reply interface{}, cc *grpc.ClientConn,
		invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
		ctx = withMetadata(ctx, md)
		if _, ok := ctx.Deadline(); !ok {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, timeout)
			defer cancel()
		}
		backoff := c.options.InitialBackoff
		for attempt := 1; ; attempt++ {
			err := invoker(ctx, method, req, reply, cc, opts...)
			if status.Code(err) != codes.Unavailable || attempt >= c.options.MaxAttempts {
				return err
			}
			if !sleep(ctx, jitter(backoff)) {
				return err
			}
			backoff = minDuration(2*backoff, c.options.MaxBackoff)
		}
	}
}

func streamInterceptor(md metadata.MD) grpc.StreamClientInterceptor {
	return func(ctx context.Context, desc *grpc.StreamDesc, cc *grpc.ClientConn, method string,
		streamer grpc.Streamer, opts ...grpc.CallOption) (grpc.ClientStream, error) {
		return streamer(withMetadata(ctx, md), desc, cc, method, opts...)
	}
}

// jitter picks a wait in [d/2, d]: it spreads out the clients that one
// restart cut off together.
func jitter(d time.Duration) time.Duration {
	return d/2 + time.Duration(rand.Int63n(int64(d/2)+1))
}

func minDuration(a, b time.Duration) time.Duration {
	if a < b {
		return a
	}
	return b
}

// sleep waits d unless ctx ends first; it reports whether the wait ran out.
func sleep(ctx context.Context, d time.Duration) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// Subscription follows the feed and yields its CREATED and REVISED events.
//
// It remembers the cursor of every event received, PROGRESS events included.
// When the stream ends with UNAVAILABLE, RESOURCE_EXHAUSTED, a CANCELLED that
// its context did not cause (a server that drains its connections), or no
// error at all, it resubscribes after that cursor with jittered exponential
// backoff: nothing is skipped or repeated. It gives up only when its context
// ends, or after MaxReconnects consecutive failed resubscriptions if set.
// Other errors (INVALID_ARGUMENT for a foreign cursor, UNAUTHENTICATED) are
// returned by Recv.
type Subscription struct {
	client  *Client
	ctx     context.Context
	stop    context.CancelFunc
	request *plenaryv1.SubscribeRequest
	stream  plenaryv1.FeedService_SubscribeClient
	cancel  context.CancelFunc
	cursor  string
	// MaxReconnects, when positive, makes Recv return the last error after
	// that many resubscriptions in a row received nothing.
	MaxReconnects int
	reconnects    int
	failures      int
	backoff       time.Duration
}

// Subscribe returns a Subscription on request; the stream opens at the first
// Recv and lives as long as ctx.
func (c *Client) Subscribe(ctx context.Context, request *plenaryv1.SubscribeRequest) *Subscription {
	ctx, stop := context.WithCancel(ctx)
	go func() {
		select {
		case <-c.closed:
			stop()
		case <-ctx.Done():
		}
	}()
	return &Subscription{
		client:  c,
		ctx:     ctx,
		stop:    stop,
		request: request,
		cursor:  request.GetAfterCursor(),
		backoff: c.options.InitialBackoff,
	}
}

// Cursor is the cursor of the last event received: pass it as after_cursor
// to resume later exactly after it.
func (s *Subscription) Cursor() string { return s.cursor }

// Reconnects is how many times the stream was reopened.
func (s *Subscription) Reconnects() int { return s.reconnects }

// resumable reports whether a stream that ended with err may be reopened.
func (s *Subscription) resumable(err error) bool {
	if s.ctx.Err() != nil {
		return false // ours: the caller cancelled or its deadline passed
	}
	switch status.Code(err) {
	case codes.Unavailable, codes.ResourceExhausted, codes.Canceled:
		return true
	}
	return err == nil
}

// Recv returns the next CREATED or REVISED event. It returns an error only
// when the context ended (its error), when the server answered an error that
// is not resumable, or when MaxReconnects was reached.
func (s *Subscription) Recv() (*plenaryv1.FeedEvent, error) {
	for {
		if s.stream == nil {
			if err := s.ctx.Err(); err != nil {
				return nil, err
			}
			request := proto.Clone(s.request).(*plenaryv1.SubscribeRequest)
			request.AfterCursor = s.cursor
			ctx, cancel := context.WithCancel(s.ctx)
			stream, err := s.client.Feed.Subscribe(ctx, request)
			if err != nil {
				cancel()
				if err := s.wait(err); err != nil {
					return nil, err
				}
				continue
			}
			s.stream, s.cancel = stream, cancel
		}
		event, err := s.stream.Recv()
		if err == nil {
			s.cursor = event.GetCursor()
			s.failures = 0
			s.backoff = s.client.options.InitialBackoff
			if event.GetType() != plenaryv1.FeedEventType_FEED_EVENT_TYPE_PROGRESS {
				return event, nil
			}
			continue
		}
		s.cancel()
		s.stream = nil
		if err == io.EOF {
			err = nil // the server ended the stream without an error
		}
		if err := s.wait(err); err != nil {
			return nil, err
		}
	}
}

// wait sleeps before the next resubscription, or returns why not to.
func (s *Subscription) wait(err error) error {
	if !s.resumable(err) {
		if ctxErr := s.ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		return err
	}
	s.failures++
	if s.MaxReconnects > 0 && s.failures > s.MaxReconnects {
		if err == nil {
			return status.Error(codes.Unavailable, "the feed stream kept ending")
		}
		return err
	}
	if !sleep(s.ctx, jitter(s.backoff)) {
		return s.ctx.Err()
	}
	s.backoff = minDuration(2*s.backoff, s.client.options.MaxBackoff)
	s.reconnects++
	return nil
}

// Close ends the stream; Recv then returns context.Canceled. Cancelling the
// context given to Subscribe does the same.
func (s *Subscription) Close() {
	s.stop()
}
