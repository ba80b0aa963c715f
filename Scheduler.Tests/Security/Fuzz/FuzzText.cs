using System.Text;

namespace EasyTask.Scheduler.Tests.Security.Fuzz;

/// <summary>Random text for the fuzzer: names that pass, unicode that must survive storage, characters that must be refused.</summary>
internal sealed class FuzzText(Random random)
{
    private const string NameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-";

    // Latin accents, Greek, CJK, Arabic and Hebrew (right to left), combining marks, emoji (surrogate pairs), a zero-width
    // joiner, the byte-order mark, a right-to-left override and the replacement character.
    private static readonly string[] Unicode =
    [
        "é", "ß", "Ω", "λ", "漢", "字", "한", "ア", "ع", "ש", "e\u0301", "n\u0303", "😀", "👩‍💻", "🇫🇷", "\u200d", "\ufeff", "\u202e", "\ufffd", "𝔘", "∑", " ",
    ];

    private static readonly string[] Controls = ["\n", "\r", "\r\n", "\t", "\u001b[31m", "\u001b]0;x\u0007", "\b", "\u007f", "\u0085", "\u2028"];

    /// <summary>Characters a name, host, group or instance must not hold.</summary>
    public static readonly string[] NotInNames = ["\n", "\r", "\u001b", "\0", " ", "é", "😀", "/", "\\", "\u202e", "\u200b", ":", "\"", "'", "$", "*"];

    public T Pick<T>(IReadOnlyList<T> choices) => choices[random.Next(choices.Count)];

    /// <summary>A valid name of exactly <paramref name="length"/> characters that starts with <paramref name="unique"/>.</summary>
    public string Name(string unique, int length)
    {
        var name = new StringBuilder(unique, Math.Max(length, unique.Length));
        while (name.Length < length)
        {
            name.Append(NameCharacters[random.Next(NameCharacters.Length)]);
        }

        return name.ToString();
    }

    /// <summary>A variable name (letters, digits, '_') of exactly <paramref name="length"/> characters starting with <paramref name="start"/>.</summary>
    public string Identifier(string start, int length)
    {
        var name = new StringBuilder(start, length);
        while (name.Length < length)
        {
            name.Append(NameCharacters[random.Next(NameCharacters.Length - 2)]);
        }

        return name.ToString();
    }

    /// <summary>Text mixing ASCII and unicode, at most <paramref name="maxLength"/> UTF-16 units, optionally with control characters.</summary>
    public string Prose(int maxLength, bool controls = false)
    {
        var text = new StringBuilder(maxLength);
        while (true)
        {
            var roll = random.Next(10);
            var piece = roll switch
            {
                < 5 => ((char)random.Next('a', 'z' + 1)).ToString(),
                < 9 => Pick(Unicode),
                _ => controls ? Pick(Controls) : " ",
            };

            if (text.Length + piece.Length > maxLength)
            {
                return text.ToString();
            }

            text.Append(piece);
        }
    }

    /// <summary>Exactly <paramref name="length"/> UTF-16 units of unicode prose (padded with ASCII where a pair would not fit).</summary>
    public string ProseOfLength(int length)
    {
        var text = Prose(length);
        return text + new string('z', length - text.Length);
    }

    /// <summary><paramref name="value"/> with <paramref name="insert"/> placed at a random position (never first, so a prefix stays unique).</summary>
    public string Spoil(string value, string insert)
    {
        var at = value.Length <= 1 ? value.Length : random.Next(1, value.Length + 1);
        return string.Concat(value.AsSpan(0, at), insert, value.AsSpan(at));
    }
}
