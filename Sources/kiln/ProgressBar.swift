import FoundationEssentials
import Glibc

/// A one-line progress bar on standard error, drawn only when it is a terminal (quiet in pipes and logs).
final class ProgressBar {
    private let enabled: Bool
    private var lastStep = ""
    private var lastDrawn: (percent: Int, time: UInt64) = (-1, 0)

    init(enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.enabled = enabled
    }

    /// Redraws for `step` at `completed` of `total` (total 0: no percentage), at most every 100 ms per step.
    func update(step: String, completed: UInt64, total: UInt64) {
        guard enabled else { return }
        let percent = total > 0 ? Int(min(completed, total) * 100 / total) : -1
        var clock = timespec()
        clock_gettime(CLOCK_MONOTONIC, &clock)
        let now = UInt64(clock.tv_sec) * 1_000_000_000 + UInt64(clock.tv_nsec)
        if step == lastStep, percent == lastDrawn.percent || now - lastDrawn.time < 100_000_000, percent != 100 { return }
        if step != lastStep, !lastStep.isEmpty { finishLine() }
        lastStep = step
        lastDrawn = (percent, now)
        let width = 30
        let filled = percent < 0 ? 0 : percent * width / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let figure = percent < 0 ? "" : " \(percent)%"
        let label = step.count >= 18 ? String(step.prefix(18)) : step + String(repeating: " ", count: 18 - step.count)
        StandardStream.write("\r\(label) [\(bar)]\(figure)\u{1B}[K")
    }

    /// Ends the current line so later output starts on a fresh one.
    func finishLine() {
        guard enabled, !lastStep.isEmpty else { return }
        StandardStream.write("\n")
        lastStep = ""
    }
}
