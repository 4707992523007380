# syntax=docker/dockerfile:1
# Image of one Hapta silo (hapta-server). docker-compose.yml runs three of them as a Redis-backed cluster;
# configuration comes from the environment (DB_URL, ADMIN_EMAIL, ADMIN_PASSWORD, HAPTA_ADMIN_KEY, Hapta__*).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# global.json is left out on purpose: it pins the 10.0.4xx SDK of our machines, while the SDK images ship
# the 10.0.1xx feature band, which the pin's roll-forward policy refuses. Both build the same net10.0 code.
COPY Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./

# Project files first: the restore layer then survives every change that leaves the dependencies alone.
COPY Hapta.Grains/Hapta.Grains.csproj Hapta.Grains/
COPY Hapta.Api/Hapta.Api.csproj Hapta.Api/
COPY Hapta.Silo/Hapta.Silo.csproj Hapta.Silo/
RUN dotnet restore Hapta.Silo/Hapta.Silo.csproj

COPY Hapta.Grains/ Hapta.Grains/
COPY Hapta.Api/ Hapta.Api/
COPY Hapta.Silo/ Hapta.Silo/
RUN dotnet publish Hapta.Silo/Hapta.Silo.csproj -c Release --no-restore -o /app


FROM mcr.microsoft.com/dotnet/aspnet:10.0

# curl serves the compose health check; the runtime image has no HTTP client of its own.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY --from=build /app ./

# Inside a container Hapta must listen on every interface; outside one it defaults to loopback only.
ENV Hapta__ListenAddress=0.0.0.0 \
    Hapta__Port=3599

# HTTP, Orleans silo-to-silo, Orleans gateway.
EXPOSE 3599 11111 30000

# The non-root user that the .NET images provide.
USER $APP_UID

ENTRYPOINT ["./hapta-server"]
