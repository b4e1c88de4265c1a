package io.envmon.ingest.hj212;

import io.envmon.ingest.hj212.Hj212Admission.Admitted;
import io.envmon.ingest.pipeline.IncomingMessage;
import io.envmon.model.Rejection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Runs a store that is not thread-safe on the context that owns it, and hands its result back to the caller's
 * context. The TCP gateway is its own verticle (its own event loop, so thousands of sockets never delay the MQTT
 * path), but it stores through the ingest context's recorder and sink, so that there is one batching sink, one
 * dead-letter path and one set of stored-readings listeners, each used from one thread only.
 */
public final class ContextBoundHj212Store implements Hj212Store {

    private final Hj212Store delegate;
    private final Context owner;

    public ContextBoundHj212Store(Hj212Store delegate, Context owner) {
        this.delegate = delegate;
        this.owner = owner;
    }

    @Override
    public Future<Void> store(IncomingMessage origin, Admitted frame) {
        return hop(() -> delegate.store(origin, frame));
    }

    @Override
    public Future<Void> reject(IncomingMessage origin, Rejection rejection) {
        return hop(() -> delegate.reject(origin, rejection));
    }

    private Future<Void> hop(Supplier<Future<Void>> work) {
        Context caller = Vertx.currentContext();
        Promise<Void> result = Promise.promise();
        owner.runOnContext(v -> {
            Future<Void> f;
            try {
                f = work.get();
            } catch (RuntimeException e) {
                f = Future.failedFuture(e);
            }
            f.onComplete(ar -> {
                if (caller == null || caller == owner) {
                    result.handle(ar);
                } else {
                    caller.runOnContext(x -> result.handle(ar));
                }
            });
        });
        return result.future();
    }
}
