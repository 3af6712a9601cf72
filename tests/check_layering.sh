#!/bin/sh
# Fails when a folder of app/ includes a header its layer may not see.
app=${1:?usage: check_layering.sh APP_DIR}
status=0
forbid() {  # folder, extended regex of forbidden includes, why
  hits=$(grep -nE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($2)" "$app/$1"/*.h "$app/$1"/*.cpp 2>/dev/null)
  if [ -n "$hits" ]; then
    echo "$hits" | sed "s|^|layering: |; s|\$| — $3|"
    status=1
  fi
}
forbid domain   'SDL|imgui|sqlite3|httplib|curl|toml|nlohmann|(config|store|notify|service|client|wire|http|platform|ui|kiosk|desk|cli)/' 'the domain is plain C++: move this to its own layer'
forbid log      'SDL|imgui|sqlite3|httplib|curl|toml|nlohmann|(domain|wire|config|store|notify|service|client|http|platform|ui|kiosk|desk|cli)/' 'logging knows stderr and the journal, nothing of the product'
forbid wire     'SDL|imgui|sqlite3|httplib|curl|toml|(http|config|store|notify|service|client|platform|ui|kiosk|desk|cli)/' 'the wire format knows the domain and JSON only'
forbid config   'SDL|imgui|sqlite3|httplib|curl|(http|store|notify|service|platform|ui|kiosk|desk|cli)/' 'config only parses files into domain types'
forbid store    'SDL|imgui|httplib|curl|(http|notify|service|platform|ui|kiosk|desk|cli)/' 'the store knows only the domain'
forbid notify   'SDL|imgui|sqlite3|httplib|(http|store|service|platform|ui|kiosk|desk|cli)/' 'channels talk to the store through the domain port'
forbid http     'SDL|imgui|sqlite3|httplib|curl|toml|nlohmann|(domain|wire|config|store|notify|service|client|platform|ui|kiosk|desk|cli)/' 'the HTTP layer knows HTTP, not the product'
forbid service  'SDL|imgui|sqlite3|httplib|(client|platform|ui|kiosk|desk|cli)/' 'the service is headless; it speaks HTTP through http/'
forbid client   'SDL|imgui|sqlite3|curl|toml|(http|config|store|notify|service|platform|ui|kiosk|desk|cli)/' 'the client speaks the API with the domain types only'
forbid platform 'sqlite3|httplib|curl|(http|domain|config|store|notify|service|ui|kiosk|desk|cli)/' 'the platform layer knows SDL, not the product'
forbid ui       'SDL|sqlite3|httplib|curl|(http|store|notify|service|client|kiosk|desk|cli)/' 'widgets know no storage or network; SDL stays in platform/'
forbid kiosk    'SDL|sqlite3|httplib|curl|(http|store|notify|service|client|desk|cli)/' 'screens use the domain, never SQL or HTTP; SDL stays in platform/'
forbid desk     'SDL|sqlite3|httplib|curl|(http|store|notify|service|kiosk|cli)/' 'companion screens use the client library; SDL stays in platform/'
forbid cli      'SDL|sqlite3|httplib|curl|microhttpd|http/' 'subcommands go through the layers, not around them'
[ $status -eq 0 ] && echo "layering ok"
exit $status
