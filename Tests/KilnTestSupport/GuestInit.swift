/// The `/init` a `LinuxGuest` boots: mounts what Linux tools expect, inserts the modules, runs the caller's
/// script with its output in files, then prints status and output between markers on the serial console
/// and powers off.
enum GuestInit {
    static let directory = "/kiln"
    static let busybox = "/kiln/bin/busybox"
    static let scriptPath = "/kiln/script"
    static let modulesDirectory = "/kiln/modules"

    enum Marker {
        static let stdout = "KILN-GUEST-STDOUT"
        static let stderr = "KILN-GUEST-STDERR"
        static let status = "KILN-GUEST-STATUS"
        static let end = "KILN-GUEST-END"
    }

    /// The shell text of `/init`; `modules` are file names under `modulesDirectory`, in insertion order.
    static func script(modules: [String]) -> String {
        let quoted = modules.map { "'\($0)'" }.joined(separator: " ")
        // The output travels base64-encoded: the console's tty turns \n into \r\n and would mangle bytes
        // that are not text. printk is quietened so that kernel messages do not land between the markers.
        return """
            #!/kiln/bin/sh
            export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/kiln/bin
            export HOME=/root TMPDIR=/tmp
            mkdir -p /proc /sys /dev /tmp /root /run/netns /var
            mount -t proc proc /proc
            mount -t sysfs sysfs /sys
            mount -t devtmpfs devtmpfs /dev
            ln -s /run /var/run
            exec </dev/console >/dev/console 2>&1
            echo 1 >/proc/sys/kernel/printk
            insert() {
                for module in \(quoted); do
                    insmod "\(modulesDirectory)/$module" || { echo "kiln-guest: insmod $module failed" >&2; return 250; }
                done
            }
            ( insert && cd /root && sh \(scriptPath) ) >\(directory)/stdout 2>\(directory)/stderr </dev/null
            status=$?
            echo
            echo \(Marker.stdout)
            base64 \(directory)/stdout
            echo \(Marker.stderr)
            base64 \(directory)/stderr
            echo "\(Marker.status) $status"
            echo \(Marker.end)
            poweroff -f
            echo o >/proc/sysrq-trigger
            """ + "\n"
    }
}
