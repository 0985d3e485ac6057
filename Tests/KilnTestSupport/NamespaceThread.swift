import Glibc

/// Runs a closure on a freshly created pthread and joins it.
///
/// A dedicated pthread (rather than a pool thread) is what makes `setns` safe: the thread that
/// switched namespaces ends with the work, and no other code is ever scheduled on it.
final class NamespaceThread {
    private let work: () -> Void

    private init(_ work: @escaping () -> Void) { self.work = work }

    /// Runs `work` on a new thread and returns once that thread has finished.
    static func run(_ work: @escaping () -> Void) throws {
        let context = Unmanaged.passRetained(NamespaceThread(work)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { context in
            Unmanaged<NamespaceThread>.fromOpaque(context!).takeRetainedValue().work()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<NamespaceThread>.fromOpaque(context).release()
            throw NetworkNamespaceError("pthread_create: \(String(cString: strerror(status)))")
        }
        pthread_join(thread, nil)
    }
}
