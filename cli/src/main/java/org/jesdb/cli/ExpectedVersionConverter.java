package org.jesdb.cli;

import org.jesdb.client.ExpectedVersion;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --expected-version}: the API's words (any, no_stream, stream_exists) or a version number. */
final class ExpectedVersionConverter implements ITypeConverter<ExpectedVersion> {

    @Override
    public ExpectedVersion convert(String value) {
        switch (value) {
            case "any":
                return ExpectedVersion.any();
            case "no_stream":
                return ExpectedVersion.noStream();
            case "stream_exists":
                return ExpectedVersion.streamExists();
            default:
                if (value.matches("\\d{1,18}")) {
                    return ExpectedVersion.exactly(Long.parseLong(value));
                }
                throw new TypeConversionException("'" + value + "' is not any, no_stream, stream_exists or a version number >= 0");
        }
    }
}
