import OTA

/// Runs `body`, turning its `OTAError` into a `Failure` the user sees (with `prefix` before the message).
func ota<T>(_ prefix: String = "", _ body: () throws(OTAError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw Failure(prefix + error.description)
    }
}
