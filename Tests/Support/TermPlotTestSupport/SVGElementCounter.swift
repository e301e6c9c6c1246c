import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Counts an SVG document's elements by name and collects the text of its `<text>` elements,
/// while XMLParser checks that the document is well-formed.
public final class SVGElementCounter: NSObject, XMLParserDelegate {
    /// How many elements of each name the document has.
    public private(set) var counts: [String: Int] = [:]
    /// The character data of each `<text>` element, in document order.
    public private(set) var texts: [String] = []
    private var inText = false

    /// Parses `data`; nil when it is not well-formed XML.
    public static func parse(_ data: Data) -> SVGElementCounter? {
        let parser = XMLParser(data: data)
        let counter = SVGElementCounter()
        parser.delegate = counter
        return parser.parse() ? counter : nil
    }

    /// Parses `svg`; nil when it is not well-formed XML.
    public static func parse(_ svg: String) -> SVGElementCounter? { parse(Data(svg.utf8)) }

    /// Counts an element and starts collecting a `<text>` element's characters.
    public func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        counts[name, default: 0] += 1
        if name == "text" {
            inText = true
            texts.append("")
        }
    }

    /// Stops collecting at the end of a `<text>` element.
    public func parser(
        _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
    ) {
        if name == "text" { inText = false }
    }

    /// Collects the characters of the `<text>` element being read.
    public func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { texts[texts.count - 1] += string }
    }
}
