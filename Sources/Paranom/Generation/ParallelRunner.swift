import Foundation

/// Runs numbered jobs on worker threads and hands their results back in order.
///
/// `produce` runs on up to `threads` worker threads, each with its own `Worker` state made by
/// `makeWorker` on that thread (zstd contexts, say, which must not be shared). `consume` runs
/// on the calling thread, for job 0, 1, 2, ... in order. At most `window` results wait
/// unconsumed, so memory stays bounded however many jobs there are. The first error stops
/// the workers and is rethrown once every thread has ended.
enum ParallelRunner {
    static func run<Worker, Result: Sendable>(
        jobs count: Int, threads: Int, window: Int? = nil,
        makeWorker: @escaping @Sendable () throws(ParanomError) -> Worker,
        produce: @escaping @Sendable (inout Worker, Int) throws(ParanomError) -> Result,
        consume: (Int, Result) throws(ParanomError) -> Void
    ) throws(ParanomError) {
        guard count > 0 else { return }
        let threadCount = max(1, min(threads, count))
        let state = SharedState<Result>(window: max(window ?? threadCount * 2, threadCount))
        for _ in 0..<threadCount {
            let thread = Thread {
                state.work(makeWorker: makeWorker, produce: produce, count: count)
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        var consumeError: ParanomError?
        for index in 0..<count {
            guard let result = state.take(index) else { break }
            do {
                try consume(index, result)
            } catch {
                consumeError = error
                state.fail(error)
                break
            }
        }
        state.waitForWorkers(threadCount)
        if let error = consumeError ?? state.error { throw error }
    }
}

/// The state the workers and the consumer share, guarded by one condition variable.
// @unchecked Sendable: every stored property is read and written only while holding `condition`.
private final class SharedState<Result: Sendable>: @unchecked Sendable {
    let condition = NSCondition()
    let window: Int
    var next = 0
    var consumed = 0
    var finished = 0
    var results: [Int: Result] = [:]
    var error: ParanomError?

    init(window: Int) { self.window = window }

    func work<Worker>(makeWorker: () throws(ParanomError) -> Worker, produce: (inout Worker, Int) throws(ParanomError) -> Result, count: Int) {
        defer {
            condition.lock()
            finished += 1
            condition.broadcast()
            condition.unlock()
        }
        var worker: Worker
        do { worker = try makeWorker() } catch { fail(error); return }
        while true {
            condition.lock()
            while error == nil && next < count && next - consumed >= window { condition.wait() }
            guard error == nil && next < count else { condition.unlock(); return }
            let index = next
            next += 1
            condition.unlock()
            do {
                let result = try produce(&worker, index)
                condition.lock()
                results[index] = result
                condition.broadcast()
                condition.unlock()
            } catch {
                fail(error)
                return
            }
        }
    }

    /// Waits for job `index`'s result; nil once a worker has failed.
    func take(_ index: Int) -> Result? {
        condition.lock()
        defer { condition.unlock() }
        while results[index] == nil && error == nil { condition.wait() }
        guard error == nil, let result = results.removeValue(forKey: index) else { return nil }
        consumed = index + 1
        condition.broadcast()
        return result
    }

    func fail(_ failure: ParanomError) {
        condition.lock()
        if error == nil { error = failure }
        condition.broadcast()
        condition.unlock()
    }

    func waitForWorkers(_ count: Int) {
        condition.lock()
        while finished < count { condition.wait() }
        condition.unlock()
    }
}
