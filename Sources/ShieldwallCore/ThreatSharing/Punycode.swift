/// Punycode (RFC 3492) for internationalised domain labels: `bücher` ⇄ `bcher-kva`. Written here
/// because Foundation on Linux has no IDNA and no Swift server package offers it.
public enum Punycode {
    private static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700, initialBias = 72, initialN = 128

    private static func adapt(_ delta: Int, _ count: Int, _ first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / count
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    private static func digit(_ d: Int) -> Character {
        Character(Unicode.Scalar(UInt8(d < 26 ? d + 97 : d + 22)))
    }

    private static func value(of c: Unicode.Scalar) -> Int? {
        switch c.value {
        case 48...57: Int(c.value) - 22
        case 65...90: Int(c.value) - 65
        case 97...122: Int(c.value) - 97
        default: nil
        }
    }

    /// The ASCII form of one label (without the `xn--` prefix); `nil` on overflow.
    public static func encode(_ label: String) -> String? {
        let input = Array(label.unicodeScalars).map { Int($0.value) }
        var output = String(label.unicodeScalars.filter { $0.isASCII }.map(Character.init))
        let basicCount = output.count
        var handled = basicCount
        if basicCount > 0 { output.append("-") }
        var n = initialN, delta = 0, bias = initialBias
        while handled < input.count {
            guard let m = input.filter({ $0 >= n }).min() else { return nil }
            let (product, overflow) = (m - n).multipliedReportingOverflow(by: handled + 1)
            guard !overflow, delta <= Int(Int32.max) - product else { return nil }
            delta += product
            n = m
            for c in input {
                if c < n { delta += 1 }
                if c == n {
                    var q = delta, k = base
                    while true {
                        let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                        if q < t { break }
                        output.append(digit(t + (q - t) % (base - t)))
                        q = (q - t) / (base - t)
                        k += base
                    }
                    output.append(digit(q))
                    bias = adapt(delta, handled + 1, handled == basicCount)
                    delta = 0
                    handled += 1
                }
            }
            delta += 1
            n += 1
        }
        return output
    }

    /// The Unicode form of one label (without the `xn--` prefix); `nil` when it is not valid Punycode.
    public static func decode(_ encoded: String) -> String? {
        let scalars = Array(encoded.unicodeScalars)
        var output: [Unicode.Scalar] = []
        var start = 0
        if let dash = scalars.lastIndex(of: "-") {
            guard scalars[..<dash].allSatisfy(\.isASCII) else { return nil }
            output = Array(scalars[..<dash])
            start = dash + 1
        }
        var n = initialN, i = 0, bias = initialBias, position = start
        while position < scalars.count {
            let oldI = i
            var w = 1, k = base
            while true {
                guard position < scalars.count, let d = value(of: scalars[position]) else { return nil }
                position += 1
                let (step, overflow) = d.multipliedReportingOverflow(by: w)
                guard !overflow, i <= Int(Int32.max) - step else { return nil }
                i += step
                let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                if d < t { break }
                w *= base - t
                guard w <= Int(Int32.max) else { return nil }
                k += base
            }
            bias = adapt(i - oldI, output.count + 1, oldI == 0)
            n += i / (output.count + 1)
            i %= output.count + 1
            guard n <= 0x10FFFF, let scalar = Unicode.Scalar(n), n >= 128 else { return nil }
            output.insert(scalar, at: i)
            i += 1
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: output)
        return text
    }
}
