#if canImport(Glibc)
import Glibc
#endif

/// Builds a `FATPlan`: turns the flat entry list into a tree, names every entry, allocates clusters
/// depth-first in name order and encodes the directories.
struct FATPlanner {
    private struct Node {
        var name: String
        var path: String
        var parent: Int
        /// nil for a directory.
        var source: FATPlan.Source?
        var size: UInt64 = 0
        var children: [Int] = []
        /// Children by upper-cased name, for FAT's case-insensitive duplicate check.
        var keys: [String: Int] = [:]
        var shortName = FATShortName(bytes: [], caseFlags: 0)
        var needsLongName = false
        var firstCluster: UInt32 = 0
        var clusterCount: UInt32 = 0
        var isDirectory: Bool { source == nil }
    }

    private var nodes: [Node] = [Node(name: "", path: "", parent: 0)]
    private let geometry: FATGeometry
    private let timestamp: FATTimestamp
    private let label: [UInt8]?

    init(entries: [FATEntry], geometry: FATGeometry, timestamp: FATTimestamp, label: [UInt8]?) throws(FATError) {
        self.geometry = geometry
        self.timestamp = timestamp
        self.label = label
        for entry in entries { try add(entry) }
        for index in nodes.indices where nodes[index].isDirectory { nameChildren(of: index) }
    }

    private mutating func add(_ entry: FATEntry) throws(FATError) {
        let components = entry.path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var parent = 0
        for (position, component) in components.enumerated() {
            try Self.validate(component, path: entry.path)
            let isLast = position == components.count - 1
            let path = components[...position].joined(separator: "/")
            if let existing = nodes[parent].keys[component.uppercased()] {
                if !isLast && !nodes[existing].isDirectory { throw .notADirectory(path: entry.path) }
                // The same directory named again (implied by a file, or explicit) is one directory.
                let sameDirectory = nodes[existing].isDirectory && nodes[existing].name == component
                    && (!isLast || entry.contents == .directory)
                guard sameDirectory else { throw .duplicateName(path: entry.path, existing: nodes[existing].path) }
                parent = existing
                continue
            }
            var node = Node(name: component, path: path, parent: parent)
            if isLast {
                switch entry.contents {
                case .directory: break
                case .bytes(let bytes): (node.source, node.size) = (.bytes(bytes), UInt64(bytes.count))
                case .file(let source): (node.source, node.size) = (.file(path: source), try Self.fileSize(source))
                }
                if node.size > UInt64(UInt32.max) {
                    throw .doesNotFit(file: entry.path, bytesOver: node.size - UInt64(UInt32.max))
                }
            }
            nodes.append(node)
            nodes[parent].children.append(nodes.count - 1)
            nodes[parent].keys[component.uppercased()] = nodes.count - 1
            parent = nodes.count - 1
        }
    }

    /// Sorts a directory's children by name (UTF-8 bytes, so the order never depends on the locale) and
    /// gives each its short name; exact 8.3 names are taken first so a generated `~N` never steals one.
    private mutating func nameChildren(of index: Int) {
        let children = nodes[index].children.sorted {
            Array(nodes[$0].name.utf8).lexicographicallyPrecedes(Array(nodes[$1].name.utf8))
        }
        nodes[index].children = children
        var taken = Set<[UInt8]>()
        for child in children {
            if let exact = FATShortName.exact(nodes[child].name) {
                nodes[child].shortName = exact
                taken.insert(exact.bytes)
            } else {
                nodes[child].needsLongName = true
            }
        }
        for child in children where nodes[child].needsLongName {
            nodes[child].shortName = FATShortName.generated(for: nodes[child].name, taken: taken)
            taken.insert(nodes[child].shortName.bytes)
        }
    }

    /// 32-byte entries in a directory: the label in the root, `.` and `..` elsewhere, then each child's.
    private func entryCount(of index: Int) -> Int {
        let own = index == 0 ? (label == nil ? 0 : 1) : 2
        return nodes[index].children.reduce(own) { count, child in
            count + 1 + (nodes[child].needsLongName ? FATLongName.entryCount(for: nodes[child].name) : 0)
        }
    }

    /// Gives every directory and file its clusters, depth-first in name order, and encodes the directories.
    /// - Throws: `FATError.rootDirectoryFull`, or `.doesNotFit` naming the first entry past the end and
    ///   how many bytes all entries need beyond the volume.
    mutating func allocate() throws(FATError) -> (items: [FATPlan.Item], nextFree: UInt32) {
        let end = UInt64(geometry.clusterCount) + 2
        var next: UInt64 = 2, order: [Int] = [], firstOverflow: Int?
        var stack = [0]
        while let index = stack.popLast() {
            order.append(index)
            let clusters = try clustersNeeded(by: index)
            if clusters > 0 {
                if next + clusters > end, firstOverflow == nil { firstOverflow = index }
                if next + clusters <= end {
                    nodes[index].firstCluster = UInt32(next)
                    nodes[index].clusterCount = UInt32(clusters)
                }
                next += clusters
            }
            if nodes[index].isDirectory { stack += nodes[index].children.reversed() }
        }
        if let overflow = firstOverflow {
            let path = nodes[overflow].path.isEmpty ? "/" : nodes[overflow].path
            throw .doesNotFit(file: path, bytesOver: (next - end) * geometry.clusterSize)
        }
        return (order.map(item), UInt32(next))
    }

    private func clustersNeeded(by index: Int) throws(FATError) -> UInt64 {
        let size: UInt64
        if nodes[index].isDirectory {
            let entries = entryCount(of: index)
            if index == 0 && geometry.kind != .fat32 {
                guard entries <= Int(geometry.rootEntryCount) else {
                    throw .rootDirectoryFull(entries: entries, capacity: Int(geometry.rootEntryCount))
                }
                return 0
            }
            size = max(UInt64(entries) * 32, 1)
        } else {
            size = nodes[index].size
        }
        return (size + geometry.clusterSize - 1) / geometry.clusterSize
    }

    private func item(_ index: Int) -> FATPlan.Item {
        let node = nodes[index]
        let source = node.source ?? .directory(directoryBytes(index))
        let size: UInt64
        if case .directory(let bytes) = source { size = UInt64(bytes.count) } else { size = node.size }
        let offset = index == 0 && geometry.kind != .fat32 ? geometry.rootDirectoryOffset
            : node.firstCluster == 0 ? 0 : geometry.offset(ofCluster: node.firstCluster)
        let shortName = index == 0 ? "" : FATShortName(bytes: node.shortName.bytes, caseFlags: 0).displayName
        return FATPlan.Item(path: node.path, shortName: shortName,
                            isDirectory: node.isDirectory, size: size, firstCluster: node.firstCluster,
                            clusterCount: node.clusterCount, offset: offset, source: source)
    }

    private func directoryBytes(_ index: Int) -> [UInt8] {
        let node = nodes[index]
        func record(_ name: [UInt8], _ flags: UInt8, _ attributes: UInt8, _ cluster: UInt32,
                    _ size: UInt64) -> [UInt8] {
            FATDirectoryRecord(name: FATShortName(bytes: name, caseFlags: flags), attributes: attributes,
                               timestamp: timestamp, firstCluster: cluster, size: UInt32(size)).encoded()
        }
        var bytes: [UInt8] = []
        if index == 0, let label { bytes += record(label, 0, FATDirectoryRecord.volumeLabel, 0, 0) }
        if index != 0 {
            // `..` of a first-level directory points at cluster 0, meaning the root, even on FAT32.
            let parentCluster = node.parent == 0 ? 0 : nodes[node.parent].firstCluster
            bytes += record(Array(".          ".utf8), 0, FATDirectoryRecord.directory, node.firstCluster, 0)
            bytes += record(Array("..         ".utf8), 0, FATDirectoryRecord.directory, parentCluster, 0)
        }
        for child in node.children.map({ nodes[$0] }) {
            if child.needsLongName {
                bytes += FATLongName.entries(for: child.name, checksum: child.shortName.checksum).joined()
            }
            let attributes = child.isDirectory ? FATDirectoryRecord.directory : FATDirectoryRecord.archive
            bytes += record(child.shortName.bytes, child.shortName.caseFlags, attributes, child.firstCluster,
                            child.isDirectory ? 0 : child.size)
        }
        return bytes
    }
}
