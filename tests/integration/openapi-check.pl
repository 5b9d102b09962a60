#!/usr/bin/perl
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks recorded admin API exchanges against the OpenAPI 3 description of the API.
#
#     perl openapi-check.pl docs/openapi.yaml exchanges.json
#
# exchanges.json is an array of {method, path, status, headers?, body, request?}: `path` is the
# concrete path as requested (a query string is allowed), `headers` the response headers,
# `body` the parsed JSON response (null when there was none; a string with `bodyNotJson: true`
# when it was not JSON), `request` the JSON body that was sent, if any.
#
# It checks that
#   (a) the description is a valid OpenAPI 3.0 document;
#   (b) every exchange matches an operation of the description, and its status, headers and
#       body are what that operation documents; a successful exchange's request is one the
#       description allows (path and query parameters, body);
#   (c) every operation has at least one successful (2xx) exchange;
#   (d) a refusal for a missing permission names the permission in `x-steward-permission`.
#
# The validator is JSON::Validator (Debian: libjson-validator-perl, with libyaml-libyaml-perl
# for YAML). Exit status: 0 when all is well, 1 when something does not match, 2 when the
# check could not run.
use strict;
use warnings;

use JSON::Validator::Schema::OpenAPIv3;
use JSON::Validator::Util qw(str2data);
use Mojo::File qw(path);
use Mojo::JSON qw(decode_json encode_json);
use Mojo::JSON::Pointer;
use Mojo::URL;
use Mojo::Util qw(url_unescape);
use Storable qw(dclone);

binmode STDOUT, ':encoding(UTF-8)';

if (@ARGV != 2) {
    print STDERR "usage: $0 OPENAPI_YAML EXCHANGES_JSON\n";
    exit 2;
}
my ($spec_path, $records_path) = @ARGV;
for my $file ($spec_path, $records_path) {
    if (!-r $file) {
        print STDERR "cannot read $file\n";
        exit 2;
    }
}

my @problems;
sub problem { push @problems, join('', @_); }

# (a) The description itself, against the OpenAPI 3.0 schema that Debian's
# openapi-specification package ships (JSON::Validator finds it offline in its cache).
my $data = eval { str2data(path($spec_path)->slurp) };
if (ref $data ne 'HASH') {
    print "FAIL cannot read $spec_path as YAML: ", ($@ || "not a mapping\n");
    exit 1;
}
my @spec_errors = eval { @{JSON::Validator::Schema::OpenAPIv3->new(dclone($data))->errors} };
push @spec_errors, $@ =~ s/\s+$//r if $@;
if (@spec_errors) {
    print "FAIL $spec_path is not a valid OpenAPI 3.0 document:\n";
    print "  $_\n" for @spec_errors;
    exit 1;
}
my $openapi = $data->{openapi} // '';
if ($openapi !~ /^3\.0\.\d+$/) {
    print "FAIL $spec_path declares openapi '$openapi', not 3.0.x\n";
    exit 1;
}

# JSON::Validator 5.14 follows a $ref to a parameter or a schema, but not one to a whole
# response or a response header (components/responses, components/headers): it would find no
# body or headers there. Those references are replaced by what they point to.
sub dereference {
    my ($node) = @_;
    my %seen;
    while (ref $node eq 'HASH' && defined $node->{'$ref'} && $node->{'$ref'} =~ m{^#(/.*)$}) {
        die "circular \$ref $node->{'$ref'}\n" if $seen{$1}++;
        $node = Mojo::JSON::Pointer->new($data)->get($1) // die "\$ref $node->{'$ref'} points nowhere\n";
    }
    return $node;
}
my $schema = eval {
    for my $path_item (values %{$data->{paths} || {}}) {
        for my $operation (grep { ref eq 'HASH' } values %$path_item) {
            my $responses = $operation->{responses} || {};
            for my $status (keys %$responses) {
                my $response = $responses->{$status} = {%{dereference($responses->{$status})}};
                next unless ref $response->{headers} eq 'HASH';
                $response->{headers} = {map { $_ => dereference($response->{headers}{$_}) } keys %{$response->{headers}}};
            }
        }
    }
    JSON::Validator::Schema::OpenAPIv3->new($data);
};
if (!$schema) {
    print "FAIL $spec_path: $@";
    exit 1;
}

my $records = eval { decode_json(path($records_path)->slurp) };
if (!$records || ref $records ne 'ARRAY') {
    print "FAIL $records_path is not a JSON array of exchanges", ($@ ? ": $@" : "\n");
    exit 2;
}

# Concrete paths to templates. routes() lists paths with literal segments first, so
# /api/v1/audit/verify is tried before a template could swallow it.
my @routes;
for my $route (@{$schema->routes}) {
    my @names;
    my $pattern = join '/', map {
        if (/^\{(.+)\}$/) { push @names, $1; '([^/]+)' }
        else              { quotemeta $_ }
    } split m{/}, $route->{path}, -1;
    push @routes, {%$route, regex => qr{^$pattern$}, names => \@names};
}

sub operation_for {
    my ($method, $concrete) = @_;
    my @methods;
    for my $route (@routes) {
        my @values = $concrete =~ $route->{regex} or next;
        push @methods, uc $route->{method};
        next if $route->{method} ne lc $method;
        my %params;
        @params{@{$route->{names}}} = map { url_unescape($_) } @values;
        return ($route, \%params);
    }
    return (undef, \@methods);
}

# Runs one of JSON::Validator's request or response checks in two passes: header, path and
# query values with coercion (on the wire they are all strings), bodies without (a JSON "5"
# is not the number 5, "true" not a boolean).
sub validate_split {
    my ($what, $operation, $input) = @_;
    my @errors;
    {
        local $schema->{coerce} = {booleans => 1, numbers => 1, strings => 1};
        my %without_body = (%$input, body => sub { return {exists => 0} });
        push @errors, grep { $_->path !~ m{^/body} } $schema->$what($operation, \%without_body);
    }
    {
        local $schema->{coerce} = {};
        push @errors, grep { $_->path =~ m{^/body} } $schema->$what($operation, $input);
    }
    return @errors;
}

my %succeeded;
my $index = -1;
for my $record (@$records) {
    ++$index;
    if (ref $record ne 'HASH' || !defined $record->{method} || !defined $record->{path} || !defined $record->{status}) {
        problem("exchange #$index: needs method, path and status: ", encode_json($record));
        next;
    }
    my $method = uc $record->{method};
    my $url = Mojo::URL->new($record->{path});
    my $concrete = $url->path->to_string;
    my $status = $record->{status};
    my $name = "exchange #$index ($method $record->{path} -> $status)";

    my ($route, $params) = operation_for($method, $concrete);
    if (!$route) {
        problem("$name: no operation in the description for $method $concrete",
                @$params ? ' (the path has: ' . join(', ', @$params) . ')' : ' (no such path)');
        next;
    }
    my $template = $route->{path};
    my $operation = $schema->get([paths => $template, $route->{method}]);
    $name = "exchange #$index ($method $record->{path} -> $status, operation $route->{method} $template)";

    my $responses = $operation->{responses} || {};
    if (!exists $responses->{$status}) {
        problem("$name: status $status is not documented (documented: ", join(', ', sort keys %$responses), ')');
        next;
    }
    my $parameters = $schema->parameters_for_response([$route->{method}, $template, $status]) || [];
    my ($body_parameter) = grep { $_->{in} eq 'body' } @$parameters;

    my %headers = map { lc($_) => $record->{headers}{$_} } keys %{$record->{headers} || {}};
    my $content_type = $headers{'content-type'};
    my $body = $record->{body};
    if ($record->{bodyNotJson}) {
        problem("$name: the response body is not JSON: ", substr($body // '', 0, 200));
        next;
    }
    if ($body_parameter && !defined $body) {
        problem("$name: the response has no body, but the description gives it one (",
                join(', ', @{$body_parameter->{accepts}}), ')');
        next;
    }
    if (!$body_parameter && defined $body) {
        problem("$name: the response has a body, but the description says it has none: ", substr(encode_json($body), 0, 200));
        next;
    }

    my @errors = validate_split(
        validate_response => [$route->{method}, $template, $status],
        {
            header => sub {
                my ($header) = @_;
                return {exists => exists $headers{lc $header}, value => $headers{lc $header}};
            },
            body => sub {
                return {exists => defined $body ? 1 : 0, value => $body, content_type => $content_type // 'application/json'};
            },
        });
    for my $error (@errors) {
        problem("$name: response ", "$error");
    }

    if ($status =~ /^2\d\d$/) {
        ++$succeeded{"$route->{method} $template"};
        # What the server accepted, the description must allow.
        my %query = map { $_ => $url->query->param($_) } @{$url->query->names};
        my $request = $record->{request};
        my @request_errors = validate_split(
            validate_request => [$route->{method}, $template],
            {
                path   => $params,
                query  => \%query,
                header => {},
                body   => sub {
                    return {exists => defined $request ? 1 : 0, value => $request, content_type => 'application/json'};
                },
            });
        for my $error (@request_errors) {
            problem("$name: the server accepted a request the description does not allow: ", "$error");
        }
    }

    # (d) The router's refusal names the permission it checked; it must be the documented one.
    if ($status == 403 && ref $body eq 'HASH' && ref $body->{error} eq 'HASH') {
        my $message = $body->{error}{message} // '';
        if ($message =~ /may not do this \(([^)]+)\)/) {
            my $needed = $1;
            my $documented = $operation->{'x-steward-permission'} // '(none)';
            if ($needed ne $documented) {
                problem("$name: the server checked permission '$needed', the description says '$documented'");
            }
        }
    }
}

# (c) Every operation answered successfully at least once; every protected one names its
# permission.
my @uncovered;
for my $route (@routes) {
    my $key = "$route->{method} $route->{path}";
    push @uncovered, uc($route->{method}) . " $route->{path}" unless $succeeded{$key};
    my $operation = $schema->get([paths => $route->{path}, $route->{method}]);
    my $security = $operation->{security} // $schema->get('/security') // [];
    if (@$security && !defined $operation->{'x-steward-permission'}) {
        problem(uc($route->{method}), " $route->{path}: needs authentication but names no x-steward-permission");
    }
}
problem("no successful (2xx) exchange for $_") for @uncovered;

my $operations = scalar @routes;
my $exchanges = scalar @$records;
if (@problems) {
    print "FAIL $exchanges exchanges against $operations operations of $spec_path:\n";
    print "  $_\n" for @problems;
    print scalar(@problems), " problem(s)\n";
    exit 1;
}
print "OK $exchanges exchanges match $operations operations of $spec_path; every operation succeeded at least once\n";
exit 0;
