import Kernel

extension TimeSpan {
    /// Reads an ISO 8601 duration of days, hours, minutes and seconds (`P7D`, `PT30M`, `P1DT12H`, `P2W`), as
    /// `openapi.yaml`'s `validFor` takes it. Years and months have no fixed length and are refused.
    init(iso8601Duration text: String) throws(DomainError) {
        let invalid = DomainError.invalid("validFor must be an ISO 8601 duration such as P7D or PT30M, got '\(text)'")
        var rest = Substring(text.uppercased())
        guard rest.first == "P", rest.count > 1 else { throw invalid }
        rest = rest.dropFirst()
        var total: Int64 = 0, inTime = false, digits = "", sawPart = false
        for character in rest {
            if character.isASCII, character.isNumber { digits.append(character); continue }
            if character == "T", !inTime, digits.isEmpty { inTime = true; continue }
            let unit: Int64
            switch (character, inTime) {
            case ("W", false): unit = 604_800
            case ("D", false): unit = 86_400
            case ("H", true): unit = 3600
            case ("M", true): unit = 60
            case ("S", true): unit = 1
            default: throw invalid
            }
            guard let value = Int64(digits) else { throw invalid }
            let (part, overflow1) = value.multipliedReportingOverflow(by: unit)
            let (sum, overflow2) = total.addingReportingOverflow(part)
            guard !overflow1, !overflow2 else { throw invalid }
            (total, digits, sawPart) = (sum, "", true)
        }
        guard sawPart, digits.isEmpty else { throw invalid }
        self = .seconds(total)
    }
}
