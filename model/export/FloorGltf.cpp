#include "export/FloorGltf.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <vector>

#include "files/AtomicFile.h"
#include "layout/FloorPalette.h"
#include "layout/FloorPlaces.h"

namespace gigaplan {

namespace {

constexpr double kRackHeightM = 2.3;
constexpr int kArrayBuffer = 34962;
constexpr int kElementArrayBuffer = 34963;
constexpr int kFloat = 5126;
constexpr int kUnsignedInt = 5125;

/// Boxes with flat faces: four vertices a face with its normal, one colour a box.
struct BoxMesh {
  std::vector<float> positions, normals, colours;
  std::vector<std::uint32_t> indices;
  std::array<float, 3> low{std::numeric_limits<float>::max(), std::numeric_limits<float>::max(),
                           std::numeric_limits<float>::max()};
  std::array<float, 3> high{std::numeric_limits<float>::lowest(), std::numeric_limits<float>::lowest(),
                            std::numeric_limits<float>::lowest()};

  /// A box from floor coordinates (x, y on the floor, z up) in glTF's Y-up frame.
  void add(double x0, double y0, double z0, double x1, double y1, double z1, PaletteColour colour) {
    const auto vertex = [&](double x, double y, double z) {
      const float p[3] = {static_cast<float>(x), static_cast<float>(z), static_cast<float>(-y)};
      for (int i = 0; i < 3; ++i) {
        positions.push_back(p[i]);
        low[static_cast<std::size_t>(i)] = std::min(low[static_cast<std::size_t>(i)], p[i]);
        high[static_cast<std::size_t>(i)] = std::max(high[static_cast<std::size_t>(i)], p[i]);
      }
      colours.insert(colours.end(), {colour.red / 255.0f, colour.green / 255.0f, colour.blue / 255.0f});
    };
    // Each face: four corners counter-clockwise seen from outside, and its outward normal (glTF frame).
    const double faces[6][4][3] = {
        {{x0, y0, z1}, {x1, y0, z1}, {x1, y1, z1}, {x0, y1, z1}},  // top
        {{x0, y0, z0}, {x0, y1, z0}, {x1, y1, z0}, {x1, y0, z0}},  // bottom
        {{x0, y0, z0}, {x1, y0, z0}, {x1, y0, z1}, {x0, y0, z1}},  // south (-y: +z in glTF)
        {{x1, y1, z0}, {x0, y1, z0}, {x0, y1, z1}, {x1, y1, z1}},  // north
        {{x1, y0, z0}, {x1, y1, z0}, {x1, y1, z1}, {x1, y0, z1}},  // east
        {{x0, y1, z0}, {x0, y0, z0}, {x0, y0, z1}, {x0, y1, z1}},  // west
    };
    const float normalsOf[6][3] = {{0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}, {1, 0, 0}, {-1, 0, 0}};
    for (int f = 0; f < 6; ++f) {
      const auto first = static_cast<std::uint32_t>(positions.size() / 3);
      for (const auto& corner : faces[f]) {
        vertex(corner[0], corner[1], corner[2]);
        normals.insert(normals.end(), {normalsOf[f][0], normalsOf[f][1], normalsOf[f][2]});
      }
      indices.insert(indices.end(), {first, first + 1, first + 2, first, first + 2, first + 3});
    }
  }
  bool empty() const { return indices.empty(); }
};

/// The binary chunk with its buffer views and accessors, built mesh by mesh.
class GlbBuilder {
 public:
  /// A mesh of one primitive (positions, normals, vertex colours, indices); returns its index.
  int addMesh(const BoxMesh& mesh, const QString& name) {
    const int position =
        addAccessor(mesh.positions.data(), mesh.positions.size() * sizeof(float), kArrayBuffer, kFloat,
                    static_cast<int>(mesh.positions.size() / 3), QStringLiteral("VEC3"), &mesh.low, &mesh.high);
    const int normal = addAccessor(mesh.normals.data(), mesh.normals.size() * sizeof(float), kArrayBuffer, kFloat,
                                   static_cast<int>(mesh.normals.size() / 3), QStringLiteral("VEC3"));
    const int colour = addAccessor(mesh.colours.data(), mesh.colours.size() * sizeof(float), kArrayBuffer, kFloat,
                                   static_cast<int>(mesh.colours.size() / 3), QStringLiteral("VEC3"));
    const int index = addAccessor(mesh.indices.data(), mesh.indices.size() * sizeof(std::uint32_t), kElementArrayBuffer,
                                  kUnsignedInt, static_cast<int>(mesh.indices.size()), QStringLiteral("SCALAR"));
    const QJsonObject primitive{{QStringLiteral("attributes"), QJsonObject{{QStringLiteral("POSITION"), position},
                                                                           {QStringLiteral("NORMAL"), normal},
                                                                           {QStringLiteral("COLOR_0"), colour}}},
                                {QStringLiteral("indices"), index},
                                {QStringLiteral("material"), 0}};
    meshes_.append(QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("primitives"), QJsonArray{primitive}}});
    return static_cast<int>(meshes_.size() - 1);
  }

  QByteArray finish(const QJsonArray& nodes, const QJsonArray& sceneNodes) const {
    // One white, rough material: the colours are the vertices'.
    const QJsonObject material{{QStringLiteral("name"), QStringLiteral("vertex colours")},
                               {QStringLiteral("pbrMetallicRoughness"),
                                QJsonObject{{QStringLiteral("baseColorFactor"), QJsonArray{1.0, 1.0, 1.0, 1.0}},
                                            {QStringLiteral("metallicFactor"), 0.0},
                                            {QStringLiteral("roughnessFactor"), 0.9}}}};
    QJsonObject gltf{{QStringLiteral("asset"), QJsonObject{{QStringLiteral("version"), QStringLiteral("2.0")},
                                                           {QStringLiteral("generator"), QStringLiteral("Gigaplan")}}},
                     {QStringLiteral("scene"), 0},
                     {QStringLiteral("scenes"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("site")},
                                                                       {QStringLiteral("nodes"), sceneNodes}}}},
                     {QStringLiteral("nodes"), nodes},
                     {QStringLiteral("materials"), QJsonArray{material}}};
    if (!meshes_.isEmpty()) {
      gltf.insert(QStringLiteral("meshes"), meshes_);
      gltf.insert(QStringLiteral("accessors"), accessors_);
      gltf.insert(QStringLiteral("bufferViews"), views_);
      gltf.insert(QStringLiteral("buffers"),
                  QJsonArray{QJsonObject{{QStringLiteral("byteLength"), static_cast<qint64>(binary_.size())}}});
    }
    QByteArray json = QJsonDocument(gltf).toJson(QJsonDocument::Compact);
    while (json.size() % 4 != 0) json.append(' ');  // chunks are padded to four bytes
    const auto le32 = [](QByteArray& out, std::uint32_t value) {
      for (int i = 0; i < 4; ++i) out.append(static_cast<char>((value >> (8 * i)) & 0xff));
    };
    QByteArray glb;
    const auto total = static_cast<std::uint32_t>(12 + 8 + json.size() + (binary_.isEmpty() ? 0 : 8 + binary_.size()));
    glb.reserve(static_cast<qsizetype>(total));
    glb.append("glTF", 4);
    le32(glb, 2);
    le32(glb, total);
    le32(glb, static_cast<std::uint32_t>(json.size()));
    glb.append("JSON", 4);
    glb.append(json);
    if (!binary_.isEmpty()) {
      le32(glb, static_cast<std::uint32_t>(binary_.size()));
      glb.append("BIN\0", 4);
      glb.append(binary_);
    }
    return glb;
  }

 private:
  int addAccessor(const void* data, std::size_t bytes, int target, int componentType, int count, const QString& type,
                  const std::array<float, 3>* low = nullptr, const std::array<float, 3>* high = nullptr) {
    const auto offset = static_cast<qint64>(binary_.size());
    binary_.append(static_cast<const char*>(data), static_cast<qsizetype>(bytes));
    views_.append(QJsonObject{{QStringLiteral("buffer"), 0},
                              {QStringLiteral("byteOffset"), offset},
                              {QStringLiteral("byteLength"), static_cast<qint64>(bytes)},
                              {QStringLiteral("target"), target}});
    QJsonObject accessor{{QStringLiteral("bufferView"), static_cast<int>(views_.size() - 1)},
                         {QStringLiteral("componentType"), componentType},
                         {QStringLiteral("count"), count},
                         {QStringLiteral("type"), type}};
    if (low && high) {
      accessor.insert(QStringLiteral("min"), QJsonArray{(*low)[0], (*low)[1], (*low)[2]});
      accessor.insert(QStringLiteral("max"), QJsonArray{(*high)[0], (*high)[1], (*high)[2]});
    }
    accessors_.append(accessor);
    return static_cast<int>(accessors_.size() - 1);
  }

  QByteArray binary_;
  QJsonArray views_, accessors_, meshes_;
};

}  // namespace

QByteArray floorGlb(const SiteLayout& layout) {
  const HallTemplate& t = layout.hallTemplate;
  std::vector<std::vector<int>> rowsOfHall(layout.halls.size());
  for (std::size_t r = 0; r < layout.rows.size(); ++r)
    rowsOfHall[static_cast<std::size_t>(layout.rows[r].hall)].push_back(static_cast<int>(r));
  std::vector<std::vector<int>> racksOfRow(layout.rows.size());
  for (std::size_t i = 0; i < layout.racks.size(); ++i)
    racksOfRow[static_cast<std::size_t>(layout.racks[i].row)].push_back(static_cast<int>(i));

  GlbBuilder glb;
  QJsonArray nodes, sceneNodes;
  for (std::size_t h = 0; h < layout.halls.size(); ++h) {
    const Hall& hall = layout.halls[h];
    BoxMesh floor;
    floor.add(hall.xM, hall.yM, -0.1, hall.xM + hall.widthM, hall.yM + hall.depthM, 0.0, kHallFloorColour);
    QJsonArray children;
    for (const int row : rowsOfHall[h]) {
      BoxMesh racks;
      QJsonArray ids;
      for (const int index : racksOfRow[static_cast<std::size_t>(row)]) {
        const Rack& rack = layout.racks[static_cast<std::size_t>(index)];
        const double x = layout.rackXM(rack), y = layout.rackYM(rack);
        racks.add(x, y, 0.0, x + t.rackWidthM, y + t.rackDepthM, kRackHeightM, rackRoleColour(rack.role));
        ids.append(static_cast<qint64>(rack.id));
      }
      if (racks.empty()) continue;
      const QString name = FloorPlaces::rowName(layout, row);
      const int mesh = glb.addMesh(racks, name);
      nodes.append(QJsonObject{{QStringLiteral("name"), name},
                               {QStringLiteral("mesh"), mesh},
                               {QStringLiteral("extras"), QJsonObject{{QStringLiteral("racks"), ids}}}});
      children.append(static_cast<int>(nodes.size() - 1));
    }
    QJsonObject node{
        {QStringLiteral("name"), hall.name},
        {QStringLiteral("mesh"), glb.addMesh(floor, hall.name + QStringLiteral(" floor"))},
        {QStringLiteral("extras"),
         QJsonObject{{QStringLiteral("building"), layout.buildings[static_cast<std::size_t>(hall.building)].name}}}};
    if (!children.isEmpty()) node.insert(QStringLiteral("children"), children);
    nodes.append(node);
    sceneNodes.append(static_cast<int>(nodes.size() - 1));
  }
  return glb.finish(nodes, sceneNodes);
}

bool writeFloorGlb(const SiteLayout& layout, const QString& path, QString* error) {
  return writeFileAtomically(path, floorGlb(layout), error);
}

}  // namespace gigaplan
