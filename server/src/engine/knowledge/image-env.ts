/**
 * Environment variables that well-known base images set in their image configuration, so
 * that `$JAVA_HOME` after `FROM eclipse-temurin` is known to be defined even though the
 * Dockerfile never sets it. Names only: values differ per tag. A snapshot (2025) of the
 * official images' Dockerfiles; an image family not listed here has an unknown environment.
 *
 * Operating-system images (Debian, Ubuntu, Alpine, ...) set nothing but PATH, which BuildKit
 * guarantees anyway.
 */

const OS_ONLY: string[] = [];
const JAVA = ['JAVA_HOME', 'JAVA_VERSION', 'LANG', 'LANGUAGE', 'LC_ALL'];

const FAMILIES: Record<string, string[]> = {
  scratch: OS_ONLY,
  alpine: OS_ONLY, debian: OS_ONLY, ubuntu: OS_ONLY, busybox: OS_ONLY, fedora: OS_ONLY, centos: OS_ONLY,
  rockylinux: OS_ONLY, almalinux: OS_ONLY, amazonlinux: OS_ONLY, archlinux: OS_ONLY, 'opensuse/leap': OS_ONLY,
  'opensuse/tumbleweed': OS_ONLY, oraclelinux: OS_ONLY, photon: OS_ONLY, clearlinux: OS_ONLY,
  'redhat/ubi8': ['container'], 'redhat/ubi9': ['container'], 'redhat/ubi8-minimal': ['container'], 'redhat/ubi9-minimal': ['container'],
  'registry.access.redhat.com/ubi8/ubi': ['container'], 'registry.access.redhat.com/ubi9/ubi': ['container'],
  'registry.access.redhat.com/ubi8/ubi-minimal': ['container'], 'registry.access.redhat.com/ubi9/ubi-minimal': ['container'],
  'buildpack-deps': OS_ONLY,
  python: ['PYTHON_VERSION', 'PYTHON_SHA256', 'GPG_KEY', 'LANG', 'PYTHON_PIP_VERSION', 'PYTHON_SETUPTOOLS_VERSION', 'PYTHON_GET_PIP_URL', 'PYTHON_GET_PIP_SHA256'],
  pypy: ['PYPY_VERSION', 'LANG'],
  node: ['NODE_VERSION', 'YARN_VERSION'],
  golang: ['GOLANG_VERSION', 'GOPATH', 'GOTOOLCHAIN'],
  rust: ['RUSTUP_HOME', 'CARGO_HOME', 'RUST_VERSION'],
  ruby: ['RUBY_VERSION', 'RUBY_MAJOR', 'RUBY_DOWNLOAD_SHA256', 'RUBY_DOWNLOAD_URL', 'GEM_HOME', 'BUNDLE_SILENCE_ROOT_WARNING', 'BUNDLE_APP_CONFIG', 'LANG'],
  php: ['PHPIZE_DEPS', 'PHP_INI_DIR', 'APACHE_CONFDIR', 'APACHE_ENVVARS', 'PHP_CFLAGS', 'PHP_CPPFLAGS', 'PHP_LDFLAGS', 'GPG_KEYS', 'PHP_VERSION', 'PHP_URL', 'PHP_ASC_URL', 'PHP_SHA256'],
  perl: ['PERL_VERSION'],
  openjdk: JAVA, 'eclipse-temurin': JAVA, 'amazoncorretto': ['LANG', 'JAVA_HOME'], 'ibm-semeru-runtimes': JAVA, sapmachine: JAVA,
  maven: [...JAVA, 'MAVEN_HOME', 'MAVEN_CONFIG'], gradle: [...JAVA, 'GRADLE_HOME', 'GRADLE_VERSION'],
  tomcat: [...JAVA, 'CATALINA_HOME', 'TOMCAT_NATIVE_LIBDIR', 'LD_LIBRARY_PATH', 'TOMCAT_MAJOR', 'TOMCAT_VERSION', 'TOMCAT_SHA512', 'GPG_KEYS'],
  jetty: [...JAVA, 'JETTY_VERSION', 'JETTY_HOME', 'JETTY_BASE', 'TMPDIR'],
  clojure: [...JAVA, 'CLOJURE_VERSION', 'LEIN_VERSION', 'LEIN_INSTALL', 'LEIN_ROOT'],
  groovy: [...JAVA, 'GROOVY_HOME', 'GROOVY_VERSION'],
  erlang: ['OTP_VERSION', 'REBAR3_VERSION', 'LANG'],
  elixir: ['OTP_VERSION', 'REBAR3_VERSION', 'ELIXIR_VERSION', 'LANG'],
  haskell: ['LANG', 'GHC', 'STACK', 'CABAL_INSTALL'],
  julia: ['JULIA_PATH', 'JULIA_GPG', 'JULIA_VERSION'],
  swift: ['SWIFT_SIGNING_KEY', 'SWIFT_PLATFORM', 'SWIFT_BRANCH', 'SWIFT_VERSION', 'SWIFT_WEBROOT'],
  'mcr.microsoft.com/dotnet/sdk': ['APP_UID', 'ASPNETCORE_HTTP_PORTS', 'DOTNET_RUNNING_IN_CONTAINER', 'DOTNET_VERSION', 'ASPNET_VERSION', 'DOTNET_GENERATE_ASPNET_CERTIFICATE', 'DOTNET_NOLOGO', 'DOTNET_SDK_VERSION', 'DOTNET_USE_POLLING_FILE_WATCHER', 'NUGET_XMLDOC_MODE', 'POWERSHELL_DISTRIBUTION_CHANNEL'],
  'mcr.microsoft.com/dotnet/aspnet': ['APP_UID', 'ASPNETCORE_HTTP_PORTS', 'DOTNET_RUNNING_IN_CONTAINER', 'DOTNET_VERSION', 'ASPNET_VERSION'],
  'mcr.microsoft.com/dotnet/runtime': ['APP_UID', 'ASPNETCORE_HTTP_PORTS', 'DOTNET_RUNNING_IN_CONTAINER', 'DOTNET_VERSION'],
  'mcr.microsoft.com/dotnet/runtime-deps': ['APP_UID', 'ASPNETCORE_HTTP_PORTS', 'DOTNET_RUNNING_IN_CONTAINER'],
  nginx: ['NGINX_VERSION', 'NJS_VERSION', 'NJS_RELEASE', 'PKG_RELEASE', 'DYNPKG_RELEASE'],
  httpd: ['HTTPD_PREFIX', 'HTTPD_VERSION', 'HTTPD_SHA256', 'HTTPD_PATCHES'],
  haproxy: ['HAPROXY_VERSION', 'HAPROXY_URL', 'HAPROXY_SHA256'],
  traefik: OS_ONLY,
  caddy: ['CADDY_VERSION', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME'],
  postgres: ['GOSU_VERSION', 'LANG', 'PG_MAJOR', 'PG_VERSION', 'PGDATA'],
  mysql: ['GOSU_VERSION', 'MYSQL_MAJOR', 'MYSQL_VERSION', 'MYSQL_SHELL_VERSION'],
  mariadb: ['GOSU_VERSION', 'LANG', 'MARIADB_VERSION'],
  redis: ['REDIS_DOWNLOAD_URL', 'REDIS_DOWNLOAD_SHA', 'REDIS_VERSION'],
  mongo: ['GOSU_VERSION', 'JSYAML_VERSION', 'JSYAML_CHECKSUM', 'MONGO_PACKAGE', 'MONGO_REPO', 'MONGO_MAJOR', 'MONGO_VERSION', 'HOME'],
  rabbitmq: ['OPENSSL_VERSION', 'OTP_VERSION', 'RABBITMQ_DATA_DIR', 'RABBITMQ_VERSION', 'RABBITMQ_PGP_KEY_ID', 'RABBITMQ_HOME', 'RABBITMQ_LOGS', 'HOME', 'LANG', 'LANGUAGE', 'LC_ALL', 'ERL_MAX_PORTS'],
  elasticsearch: ['ELASTIC_CONTAINER', 'LD_LIBRARY_PATH', 'SHELL'],
  'nvidia/cuda': ['NVARCH', 'NVIDIA_REQUIRE_CUDA', 'NV_CUDA_CUDART_VERSION', 'NV_CUDA_COMPAT_PACKAGE', 'CUDA_VERSION', 'LD_LIBRARY_PATH', 'NVIDIA_VISIBLE_DEVICES', 'NVIDIA_DRIVER_CAPABILITIES', 'NV_CUDA_LIB_VERSION', 'NV_NVTX_VERSION', 'NV_LIBNPP_VERSION', 'NV_LIBNPP_PACKAGE', 'NV_LIBCUSPARSE_VERSION', 'NV_LIBCUBLAS_PACKAGE_NAME', 'NV_LIBCUBLAS_VERSION', 'NV_LIBCUBLAS_PACKAGE', 'NV_LIBNCCL_PACKAGE_NAME', 'NV_LIBNCCL_PACKAGE_VERSION', 'NCCL_VERSION', 'NV_LIBNCCL_PACKAGE', 'NV_CUDNN_VERSION', 'NV_CUDNN_PACKAGE_NAME', 'NV_CUDNN_PACKAGE', 'NV_CUDNN_PACKAGE_DEV', 'LIBRARY_PATH', 'NV_CUDA_NSIGHT_COMPUTE_VERSION', 'NV_CUDA_NSIGHT_COMPUTE_DEV_PACKAGE', 'NV_NVPROF_VERSION', 'NV_NVPROF_DEV_PACKAGE', 'NV_LIBNPP_DEV_VERSION', 'NV_LIBNPP_DEV_PACKAGE', 'NV_LIBCUSPARSE_DEV_VERSION', 'NV_LIBCUBLAS_DEV_VERSION', 'NV_LIBCUBLAS_DEV_PACKAGE_NAME', 'NV_LIBCUBLAS_DEV_PACKAGE', 'NV_NVML_DEV_VERSION', 'NV_LIBNCCL_DEV_PACKAGE_NAME', 'NV_LIBNCCL_DEV_PACKAGE_VERSION', 'NV_LIBNCCL_DEV_PACKAGE'],
  'pytorch/pytorch': ['NVIDIA_VISIBLE_DEVICES', 'NVIDIA_DRIVER_CAPABILITIES', 'LD_LIBRARY_PATH', 'PYTORCH_VERSION', 'CONDA_PREFIX'],
  'continuumio/miniconda3': ['LANG', 'LC_ALL'],
  'condaforge/miniforge3': ['CONDA_DIR', 'LANG', 'LC_ALL'],
  'mambaorg/micromamba': ['MAMBA_ROOT_PREFIX', 'MAMBA_EXE', 'MAMBA_USER', 'MAMBA_USER_ID', 'MAMBA_USER_GID', 'ENV_NAME', 'SHELL'],
  'gcr.io/distroless/static': ['SSL_CERT_FILE'], 'gcr.io/distroless/static-debian12': ['SSL_CERT_FILE'], 'gcr.io/distroless/base': ['SSL_CERT_FILE'],
  'gcr.io/distroless/base-debian12': ['SSL_CERT_FILE'], 'gcr.io/distroless/cc': ['SSL_CERT_FILE'], 'gcr.io/distroless/cc-debian12': ['SSL_CERT_FILE'],
  'gcr.io/distroless/python3': ['SSL_CERT_FILE', 'LANG'], 'gcr.io/distroless/python3-debian12': ['SSL_CERT_FILE', 'LANG'],
  'gcr.io/distroless/java17-debian12': ['SSL_CERT_FILE', 'JAVA_VERSION', 'LANG'], 'gcr.io/distroless/java21-debian12': ['SSL_CERT_FILE', 'JAVA_VERSION', 'LANG'],
  'gcr.io/distroless/nodejs20-debian12': ['SSL_CERT_FILE'], 'gcr.io/distroless/nodejs22-debian12': ['SSL_CERT_FILE'],
};

const JUPYTER = ['CONDA_DIR', 'SHELL', 'NB_USER', 'NB_UID', 'NB_GID', 'LC_ALL', 'LANG', 'LANGUAGE', 'HOME', 'XDG_CACHE_HOME', 'JUPYTER_PORT'];

/** Families published as many images under one prefix (the Jupyter Docker Stacks). */
const PREFIXES: [string, string[]][] = [
  ['quay.io/jupyter/', JUPYTER],
  ['jupyter/', JUPYTER],
];

/** Strips `docker.io/` and `library/` so that `docker.io/library/python` is `python`. */
function familyName(name: string): string {
  return name.replace(/^(docker\.io|index\.docker\.io)\//, '').replace(/^library\//, '');
}

/**
 * The names the image family sets (PATH excluded), or undefined when the family is not known
 * and its environment therefore cannot be.
 */
export function imageEnvNames(repository: string): readonly string[] | undefined {
  const name = familyName(repository);
  return FAMILIES[name] ?? PREFIXES.find(([prefix]) => name.startsWith(prefix))?.[1];
}
