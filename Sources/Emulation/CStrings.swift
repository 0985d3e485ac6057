import Glibc

/// NUL-terminated copies of Swift strings that stay put while C reads them; freed on deinit.
final class CStrings {
    private var pointers: [UnsafeMutablePointer<CChar>?] = []

    /// A copy of `text` that lives as long as this object.
    func copy(_ text: String?) -> UnsafePointer<CChar>? {
        guard let text else { return nil }
        let pointer = strdup(text)
        pointers.append(pointer)
        return UnsafePointer(pointer)
    }

    /// A NULL-terminated array of copies, as argv and envp are.
    func array(_ texts: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> {
        let array = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: texts.count + 1)
        for (index, text) in texts.enumerated() { array[index] = strdup(text); pointers.append(array[index]) }
        array[texts.count] = nil
        arrays.append(array)
        return array
    }

    private var arrays: [UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>] = []

    deinit {
        for pointer in pointers { free(pointer) }
        for array in arrays { array.deallocate() }
    }
}
