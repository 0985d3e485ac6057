/// A date and time as FAT directory entries store them: local time, 2-second resolution, 1980–2107.
///
/// Kiln writes UTC (from `SOURCE_DATE_EPOCH`) so an image is the same wherever it is built.
public struct FATTimestamp: Sendable, Equatable {
    /// Bits 15–9 years since 1980, 8–5 month, 4–0 day.
    public var date: UInt16
    /// Bits 15–11 hours, 10–5 minutes, 4–0 seconds / 2.
    public var time: UInt16

    public init(date: UInt16, time: UInt16) {
        self.date = date
        self.time = time
    }

    /// The UTC time `seconds` after the Unix epoch, clamped to 1980-01-01 00:00:00 and 2107-12-31 23:59:58,
    /// the range FAT can hold; odd seconds round down.
    public init(secondsSinceEpoch seconds: Int64) {
        let earliest: Int64 = 315_532_800  // 1980-01-01T00:00:00Z
        let latest: Int64 = 4_354_819_198  // 2107-12-31T23:59:58Z
        let clamped = min(max(seconds, earliest), latest)
        let days = clamped / 86_400, secondOfDay = clamped % 86_400
        let (year, month, day) = Self.civil(daysSinceEpoch: days)
        date = UInt16(year - 1980) << 9 | UInt16(month) << 5 | UInt16(day)
        let hour = secondOfDay / 3600, minute = secondOfDay / 60 % 60, second = secondOfDay % 60
        time = UInt16(hour) << 11 | UInt16(minute) << 5 | UInt16(second / 2)
    }

    /// Year, month and day of a day count since 1970-01-01 in the proleptic Gregorian calendar
    /// (Howard Hinnant's `civil_from_days`), so no time-zone database or Foundation is involved.
    static func civil(daysSinceEpoch: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
