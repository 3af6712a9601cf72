#pragma once
// The web pages' files (app/web/: the browser companion, the phone page),
// compiled into the program by the build, so an installed `serve` finds
// them without a path and a page never mixes files of two versions.
#include <string_view>
#include <vector>

namespace gastvrij {

struct WebAsset {
    std::string_view name;  // "desk.js": served at /desk.js
    std::string_view body;
};

// Every file, in the order the build found them.
const std::vector<WebAsset>& web_assets();

// The file of that name, or nullptr.
const WebAsset* web_asset(std::string_view name);

// "text/css; charset=utf-8" and the like, from the name's extension.
const char* web_content_type(std::string_view name);

}  // namespace gastvrij
